/**
 * The login frame's words in each language it speaks. Keys are the same in every language;
 * `error.*` keys are the codes the sign-in and sign-up answers carry.
 */
export const LOGIN_LOCALES = ['en', 'da', 'de', 'hi'] as const;
export type LoginLocale = (typeof LOGIN_LOCALES)[number];

const en = {
  'title.verify': 'Email confirmation',
  'verified.ok': 'Your email address is confirmed. You can close this page.',
  'verified.failed': 'This link is not valid or has expired.',
  'field.dateOfBirth': 'Date of birth',
  'hint.dateOfBirth': 'Used only to check your age; not stored.',
  'link.policy': 'Read the privacy policy',
  'link.terms': 'Read the terms of use',
  'error.ACCEPTANCE_REQUIRED': 'Tick the box to accept the privacy policy and terms.',
  'error.UNDER_AGE': 'Accounts here are for people of the age shown or older. Nothing you typed was stored.',
  'error.UNKNOWN_POLICY_VERSION': 'The privacy policy or terms changed while you signed up. Reload and read them again.',
  'title.signIn': 'Sign in',
  'title.signUp': 'Create an account',
  'field.email': 'Email',
  'field.password': 'Password',
  'field.name': 'Name',
  'hint.password': 'At least 8 characters. A few unrelated words are strong and easy to remember.',
  'action.signIn': 'Sign in',
  'action.signUp': 'Create account',
  'switch.toSignUp': 'No account yet? Create one',
  'switch.toSignIn': 'Already have an account? Sign in',
  'status.working': 'One moment…',
  'status.signedIn': 'You are signed in.',
  'refused': 'This sign-in can only be shown on the site it belongs to.',
  'error.INVALID_EMAIL_OR_PASSWORD': 'The email or password is not right, or the account is locked for a while. Try again.',
  'error.PASSWORD_COMMON': 'This password is too common. Choose another one.',
  'error.PASSWORD_WEAK': 'This password is too easy to guess. Add a few unrelated words.',
  'error.PASSWORD_TOO_SHORT': 'The password needs at least 8 characters.',
  'error.PASSWORD_TOO_LONG': 'The password may have at most 128 characters.',
  'error.USER_ALREADY_EXISTS': 'An account with this email exists already. Sign in instead.',
  'error.USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL': 'An account with this email exists already. Sign in instead.',
  'error.INVALID_EMAIL': 'Enter a valid email address.',
  'error.VALIDATION_FAILED': 'Check the fields: one of them is too long or missing.',
  'error.RATE_LIMITED': 'Too many attempts. Wait a minute and try again.',
  'error.UNKNOWN': 'Something went wrong. Try again in a moment.',
} as const;

export type LoginTextKey = keyof typeof en;
export type LoginTexts = Record<LoginTextKey, string>;

const da: LoginTexts = {
  'title.verify': 'Bekræftelse af e-mail',
  'verified.ok': 'Din e-mailadresse er bekræftet. Du kan lukke denne side.',
  'verified.failed': 'Dette link er ugyldigt eller udløbet.',
  'field.dateOfBirth': 'Fødselsdato',
  'hint.dateOfBirth': 'Bruges kun til at tjekke din alder; gemmes ikke.',
  'link.policy': 'Læs privatlivspolitikken',
  'link.terms': 'Læs brugsvilkårene',
  'error.ACCEPTANCE_REQUIRED': 'Sæt flueben for at acceptere privatlivspolitikken og vilkårene.',
  'error.UNDER_AGE': 'Konti her er for personer på den viste alder eller ældre. Intet af det, du skrev, er gemt.',
  'error.UNKNOWN_POLICY_VERSION': 'Privatlivspolitikken eller vilkårene blev ændret, mens du oprettede dig. Genindlæs og læs dem igen.',
  'title.signIn': 'Log ind',
  'title.signUp': 'Opret en konto',
  'field.email': 'E-mail',
  'field.password': 'Adgangskode',
  'field.name': 'Navn',
  'hint.password': 'Mindst 8 tegn. Nogle få ord uden sammenhæng er stærke og lette at huske.',
  'action.signIn': 'Log ind',
  'action.signUp': 'Opret konto',
  'switch.toSignUp': 'Ingen konto endnu? Opret en',
  'switch.toSignIn': 'Har du allerede en konto? Log ind',
  'status.working': 'Et øjeblik …',
  'status.signedIn': 'Du er logget ind.',
  'refused': 'Dette login kan kun vises på det websted, det hører til.',
  'error.INVALID_EMAIL_OR_PASSWORD': 'E-mail eller adgangskode er forkert, eller kontoen er låst et stykke tid. Prøv igen.',
  'error.PASSWORD_COMMON': 'Denne adgangskode er for almindelig. Vælg en anden.',
  'error.PASSWORD_WEAK': 'Denne adgangskode er for let at gætte. Tilføj nogle ord uden sammenhæng.',
  'error.PASSWORD_TOO_SHORT': 'Adgangskoden skal have mindst 8 tegn.',
  'error.PASSWORD_TOO_LONG': 'Adgangskoden må højst have 128 tegn.',
  'error.USER_ALREADY_EXISTS': 'Der findes allerede en konto med denne e-mail. Log ind i stedet.',
  'error.USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL': 'Der findes allerede en konto med denne e-mail. Log ind i stedet.',
  'error.INVALID_EMAIL': 'Angiv en gyldig e-mailadresse.',
  'error.VALIDATION_FAILED': 'Tjek felterne: et af dem er for langt eller mangler.',
  'error.RATE_LIMITED': 'For mange forsøg. Vent et minut, og prøv igen.',
  'error.UNKNOWN': 'Noget gik galt. Prøv igen om lidt.',
};

const de: LoginTexts = {
  'title.verify': 'E-Mail-Bestätigung',
  'verified.ok': 'Ihre E-Mail-Adresse ist bestätigt. Sie können diese Seite schließen.',
  'verified.failed': 'Dieser Link ist ungültig oder abgelaufen.',
  'field.dateOfBirth': 'Geburtsdatum',
  'hint.dateOfBirth': 'Nur zur Altersprüfung; wird nicht gespeichert.',
  'link.policy': 'Datenschutzerklärung lesen',
  'link.terms': 'Nutzungsbedingungen lesen',
  'error.ACCEPTANCE_REQUIRED': 'Bitte das Kästchen ankreuzen, um Datenschutzerklärung und Bedingungen zu akzeptieren.',
  'error.UNDER_AGE': 'Konten gibt es hier erst ab dem angegebenen Alter. Nichts von Ihren Eingaben wurde gespeichert.',
  'error.UNKNOWN_POLICY_VERSION': 'Datenschutzerklärung oder Bedingungen haben sich geändert. Bitte neu laden und erneut lesen.',
  'title.signIn': 'Anmelden',
  'title.signUp': 'Konto erstellen',
  'field.email': 'E-Mail',
  'field.password': 'Passwort',
  'field.name': 'Name',
  'hint.password': 'Mindestens 8 Zeichen. Einige unzusammenhängende Wörter sind stark und leicht zu merken.',
  'action.signIn': 'Anmelden',
  'action.signUp': 'Konto erstellen',
  'switch.toSignUp': 'Noch kein Konto? Jetzt erstellen',
  'switch.toSignIn': 'Schon ein Konto? Anmelden',
  'status.working': 'Einen Moment …',
  'status.signedIn': 'Sie sind angemeldet.',
  'refused': 'Diese Anmeldung kann nur auf der Website angezeigt werden, zu der sie gehört.',
  'error.INVALID_EMAIL_OR_PASSWORD': 'E-Mail oder Passwort stimmt nicht, oder das Konto ist vorübergehend gesperrt. Bitte erneut versuchen.',
  'error.PASSWORD_COMMON': 'Dieses Passwort ist zu verbreitet. Bitte ein anderes wählen.',
  'error.PASSWORD_WEAK': 'Dieses Passwort ist zu leicht zu erraten. Fügen Sie einige unzusammenhängende Wörter hinzu.',
  'error.PASSWORD_TOO_SHORT': 'Das Passwort braucht mindestens 8 Zeichen.',
  'error.PASSWORD_TOO_LONG': 'Das Passwort darf höchstens 128 Zeichen haben.',
  'error.USER_ALREADY_EXISTS': 'Ein Konto mit dieser E-Mail gibt es bereits. Bitte melden Sie sich an.',
  'error.USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL': 'Ein Konto mit dieser E-Mail gibt es bereits. Bitte melden Sie sich an.',
  'error.INVALID_EMAIL': 'Bitte eine gültige E-Mail-Adresse eingeben.',
  'error.VALIDATION_FAILED': 'Bitte die Felder prüfen: eines ist zu lang oder fehlt.',
  'error.RATE_LIMITED': 'Zu viele Versuche. Bitte eine Minute warten.',
  'error.UNKNOWN': 'Etwas ist schiefgelaufen. Bitte gleich noch einmal versuchen.',
};

const hi: LoginTexts = {
  'title.verify': 'ईमेल पुष्टि',
  'verified.ok': 'आपका ईमेल पता पुष्टि हो गया है। आप यह पेज बंद कर सकते हैं।',
  'verified.failed': 'यह लिंक मान्य नहीं है या समाप्त हो गया है।',
  'field.dateOfBirth': 'जन्म तिथि',
  'hint.dateOfBirth': 'केवल आपकी आयु जाँचने के लिए; संग्रहीत नहीं की जाती।',
  'link.policy': 'गोपनीयता नीति पढ़ें',
  'link.terms': 'उपयोग की शर्तें पढ़ें',
  'error.ACCEPTANCE_REQUIRED': 'गोपनीयता नीति और शर्तें स्वीकार करने के लिए बॉक्स पर टिक करें।',
  'error.UNDER_AGE': 'यहाँ खाते केवल दिखाई गई आयु या उससे अधिक के लोगों के लिए हैं। आपने जो लिखा, उसमें से कुछ भी संग्रहीत नहीं किया गया।',
  'error.UNKNOWN_POLICY_VERSION': 'आपके साइन अप करते समय गोपनीयता नीति या शर्तें बदल गईं। पेज फिर से लोड करें और उन्हें फिर से पढ़ें।',
  'title.signIn': 'साइन इन करें',
  'title.signUp': 'खाता बनाएँ',
  'field.email': 'ईमेल',
  'field.password': 'पासवर्ड',
  'field.name': 'नाम',
  'hint.password': 'कम से कम 8 अक्षर। कुछ असंबंधित शब्द मज़बूत होते हैं और याद रखने में आसान।',
  'action.signIn': 'साइन इन करें',
  'action.signUp': 'खाता बनाएँ',
  'switch.toSignUp': 'अभी तक खाता नहीं है? एक बनाएँ',
  'switch.toSignIn': 'पहले से खाता है? साइन इन करें',
  'status.working': 'एक क्षण…',
  'status.signedIn': 'आप साइन इन हैं।',
  'refused': 'यह साइन-इन केवल उसी साइट पर दिखाया जा सकता है जिसका यह है।',
  'error.INVALID_EMAIL_OR_PASSWORD': 'ईमेल या पासवर्ड सही नहीं है, या खाता कुछ समय के लिए लॉक है। फिर से प्रयास करें।',
  'error.PASSWORD_COMMON': 'यह पासवर्ड बहुत आम है। कोई दूसरा चुनें।',
  'error.PASSWORD_WEAK': 'इस पासवर्ड का अनुमान लगाना बहुत आसान है। कुछ असंबंधित शब्द जोड़ें।',
  'error.PASSWORD_TOO_SHORT': 'पासवर्ड में कम से कम 8 अक्षर होने चाहिए।',
  'error.PASSWORD_TOO_LONG': 'पासवर्ड में अधिकतम 128 अक्षर हो सकते हैं।',
  'error.USER_ALREADY_EXISTS': 'इस ईमेल से एक खाता पहले से है। इसके बजाय साइन इन करें।',
  'error.USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL': 'इस ईमेल से एक खाता पहले से है। इसके बजाय साइन इन करें।',
  'error.INVALID_EMAIL': 'एक मान्य ईमेल पता दर्ज करें।',
  'error.VALIDATION_FAILED': 'फ़ील्ड जाँचें: उनमें से एक बहुत लंबा है या खाली है।',
  'error.RATE_LIMITED': 'बहुत अधिक प्रयास। एक मिनट रुककर फिर से प्रयास करें।',
  'error.UNKNOWN': 'कुछ गलत हो गया। थोड़ी देर में फिर से प्रयास करें।',
};

const TEXTS: Record<LoginLocale, LoginTexts> = { en, da, de, hi };

/** The language asked for (`da`, `de-AT`, …) if the frame speaks it, else English. */
export function loginLocale(requested: string | undefined): LoginLocale {
  const language = requested?.toLowerCase().split('-')[0];
  return (LOGIN_LOCALES as readonly string[]).includes(language ?? '') ? (language as LoginLocale) : 'en';
}

export function loginTexts(locale: LoginLocale): LoginTexts {
  return TEXTS[locale];
}
