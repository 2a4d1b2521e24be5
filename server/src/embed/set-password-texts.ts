import type { LoginLocale } from './login-texts.ts';

/**
 * The words of the set-password page (`/embed/reset-password`), which serves both a password
 * reset and a staff invitation: the same form, other titles. Errors of the password policy
 * reuse the login frame's texts (login-texts.ts).
 */
const en = {
  'title.reset': 'Choose a new password',
  'title.invitation': 'Accept your invitation',
  'intro.reset': 'Choose a new password for {email}. Every device signed in to this account is signed out.',
  'intro.invitation': 'You are invited to join as {role}. Choose a password for {email} to accept.',
  'field.password': 'New password',
  'hint.password': 'At least 8 characters. A few unrelated words are strong and easy to remember.',
  'action.save': 'Save the password',
  'done.reset': 'Your new password is saved. Sign in with it on the site you came from; you can close this page.',
  'done.invitation': 'Your password is saved and the invitation accepted. Sign in with it on the site you came from; you can close this page.',
  'invalid': 'This link is not valid any more: it was used, it has expired, or it was withdrawn. Ask for a new one.',
  'role.owner': 'owner', 'role.admin': 'administrator', 'role.privacy_officer': 'privacy officer', 'role.operator': 'operator',
} as const;

export type SetPasswordTextKey = keyof typeof en;
export type SetPasswordTexts = Record<SetPasswordTextKey, string>;

const da: SetPasswordTexts = {
  'title.reset': 'Vælg en ny adgangskode',
  'title.invitation': 'Tag imod din invitation',
  'intro.reset': 'Vælg en ny adgangskode til {email}. Alle enheder, der er logget ind på kontoen, bliver logget ud.',
  'intro.invitation': 'Du er inviteret som {role}. Vælg en adgangskode til {email} for at takke ja.',
  'field.password': 'Ny adgangskode',
  'hint.password': 'Mindst 8 tegn. Nogle få ord uden sammenhæng er stærke og lette at huske.',
  'action.save': 'Gem adgangskoden',
  'done.reset': 'Din nye adgangskode er gemt. Log ind med den på det websted, du kom fra; du kan lukke denne side.',
  'done.invitation': 'Din adgangskode er gemt, og invitationen er modtaget. Log ind med den på det websted, du kom fra; du kan lukke denne side.',
  'invalid': 'Dette link virker ikke længere: det er brugt, udløbet eller trukket tilbage. Bed om et nyt.',
  'role.owner': 'ejer', 'role.admin': 'administrator', 'role.privacy_officer': 'databeskyttelsesansvarlig', 'role.operator': 'operatør',
};

const de: SetPasswordTexts = {
  'title.reset': 'Neues Passwort wählen',
  'title.invitation': 'Einladung annehmen',
  'intro.reset': 'Wählen Sie ein neues Passwort für {email}. Alle Geräte, die mit diesem Konto angemeldet sind, werden abgemeldet.',
  'intro.invitation': 'Sie sind als {role} eingeladen. Wählen Sie ein Passwort für {email}, um anzunehmen.',
  'field.password': 'Neues Passwort',
  'hint.password': 'Mindestens 8 Zeichen. Einige unzusammenhängende Wörter sind stark und leicht zu merken.',
  'action.save': 'Passwort speichern',
  'done.reset': 'Ihr neues Passwort ist gespeichert. Melden Sie sich damit auf der Website an, von der Sie kamen; Sie können diese Seite schließen.',
  'done.invitation': 'Ihr Passwort ist gespeichert und die Einladung angenommen. Melden Sie sich damit auf der Website an, von der Sie kamen; Sie können diese Seite schließen.',
  'invalid': 'Dieser Link gilt nicht mehr: Er wurde benutzt, ist abgelaufen oder wurde zurückgezogen. Fordern Sie einen neuen an.',
  'role.owner': 'Inhaber', 'role.admin': 'Administrator', 'role.privacy_officer': 'Datenschutzbeauftragte(r)', 'role.operator': 'Operator',
};

const hi: SetPasswordTexts = {
  'title.reset': 'नया पासवर्ड चुनें',
  'title.invitation': 'अपना आमंत्रण स्वीकार करें',
  'intro.reset': '{email} के लिए नया पासवर्ड चुनें। इस खाते में साइन इन हर डिवाइस साइन आउट हो जाएगा।',
  'intro.invitation': 'आपको {role} के रूप में आमंत्रित किया गया है। स्वीकार करने के लिए {email} का पासवर्ड चुनें।',
  'field.password': 'नया पासवर्ड',
  'hint.password': 'कम से कम 8 अक्षर। कुछ असंबंधित शब्द मज़बूत होते हैं और याद रखने में आसान।',
  'action.save': 'पासवर्ड सहेजें',
  'done.reset': 'आपका नया पासवर्ड सहेज लिया गया है। जिस साइट से आप आए थे, वहाँ इससे साइन इन करें; आप यह पेज बंद कर सकते हैं।',
  'done.invitation': 'आपका पासवर्ड सहेज लिया गया है और आमंत्रण स्वीकार हो गया है। जिस साइट से आप आए थे, वहाँ इससे साइन इन करें; आप यह पेज बंद कर सकते हैं।',
  'invalid': 'यह लिंक अब मान्य नहीं है: इसका उपयोग हो चुका है, यह समाप्त हो गया है, या इसे वापस ले लिया गया है। नया लिंक माँगें।',
  'role.owner': 'स्वामी', 'role.admin': 'व्यवस्थापक', 'role.privacy_officer': 'गोपनीयता अधिकारी', 'role.operator': 'ऑपरेटर',
};

const TEXTS: Record<LoginLocale, SetPasswordTexts> = { en, da, de, hi };

export function setPasswordTexts(locale: LoginLocale): SetPasswordTexts {
  return TEXTS[locale];
}
