import type { LoginLocale } from './login-texts.ts';

/**
 * The words of the account-security view's password change, in every language the frame
 * speaks. Only the security view's page carries them (the sign-in page stays small). The
 * refusals reuse the sign-up's words (`error.PASSWORD_COMMON`, … in login-texts.ts) and the
 * second factor's `error.INVALID_PASSWORD` for a wrong current password.
 */
const en = {
  'title.password': 'Change the password',
  'field.currentPassword': 'Current password',
  'field.newPassword': 'New password',
  'hint.passwordChange': 'At least 8 characters. A few unrelated words are strong and easy to remember. Every other device and site signed in to this account is signed out.',
  'action.changePassword': 'Change the password',
  'status.passwordChanged': 'The password is changed. You stay signed in here; everywhere else is signed out.',
} as const;

export type PasswordChangeTexts = Record<keyof typeof en, string>;

const da: PasswordChangeTexts = {
  'title.password': 'Skift adgangskoden',
  'field.currentPassword': 'Nuværende adgangskode',
  'field.newPassword': 'Ny adgangskode',
  'hint.passwordChange': 'Mindst 8 tegn. Nogle få ord uden sammenhæng er stærke og lette at huske. Alle andre enheder og websteder, der er logget ind på kontoen, bliver logget ud.',
  'action.changePassword': 'Skift adgangskoden',
  'status.passwordChanged': 'Adgangskoden er skiftet. Du er stadig logget ind her; alle andre steder er logget ud.',
};

const de: PasswordChangeTexts = {
  'title.password': 'Passwort ändern',
  'field.currentPassword': 'Aktuelles Passwort',
  'field.newPassword': 'Neues Passwort',
  'hint.passwordChange': 'Mindestens 8 Zeichen. Einige unzusammenhängende Wörter sind stark und leicht zu merken. Alle anderen Geräte und Websites, die mit diesem Konto angemeldet sind, werden abgemeldet.',
  'action.changePassword': 'Passwort ändern',
  'status.passwordChanged': 'Das Passwort ist geändert. Hier bleiben Sie angemeldet, überall sonst sind Sie abgemeldet.',
};

const hi: PasswordChangeTexts = {
  'title.password': 'पासवर्ड बदलें',
  'field.currentPassword': 'वर्तमान पासवर्ड',
  'field.newPassword': 'नया पासवर्ड',
  'hint.passwordChange': 'कम से कम 8 अक्षर। कुछ असंबंधित शब्द मज़बूत होते हैं और याद रखने में आसान। इस खाते में साइन इन किए गए बाकी सभी डिवाइस और साइट साइन आउट हो जाते हैं।',
  'action.changePassword': 'पासवर्ड बदलें',
  'status.passwordChanged': 'पासवर्ड बदल गया है। आप यहाँ साइन इन रहते हैं; बाकी सभी जगह से साइन आउट हो गए हैं।',
};

const TEXTS: Record<LoginLocale, PasswordChangeTexts> = { en, da, de, hi };

export function passwordChangeTexts(locale: LoginLocale): PasswordChangeTexts {
  return TEXTS[locale];
}
