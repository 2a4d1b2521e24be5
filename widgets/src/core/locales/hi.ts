import type { TranslationOf } from './catalog.ts';
import type english from './en.ts';

/** Hindi (हिन्दी). Hindi's plural rules put 0 and 1 in the "one" category. */
const hi: TranslationOf<typeof english> = {
  loading: 'लोड हो रहा है…',
  empty: 'अभी दिखाने के लिए कुछ नहीं है।',
  errorTitle: 'इसे लोड नहीं किया जा सका',
  errorNetwork: 'अभी PortTask से संपर्क नहीं हो पा रहा है। अपना इंटरनेट कनेक्शन जाँचें और फिर से कोशिश करें।',
  errorUnauthorized: 'यह विजेट ठीक से सेट अप नहीं है: इसकी पब्लिशेबल कुंजी अस्वीकार कर दी गई।',
  errorOriginNotAllowed: 'इस वेबसाइट पर इस विजेट के उपयोग की अनुमति नहीं है।',
  errorServer: 'हमारी ओर से कुछ गड़बड़ हो गई। कृपया थोड़ी देर बाद फिर से कोशिश करें।',
  errorMissingSetting: 'यह विजेट अभी सेट अप नहीं है: {setting} एट्रिब्यूट मौजूद नहीं है।',
  errorReference: 'सहायता के लिए संदर्भ: {requestId}',
  retry: 'फिर से कोशिश करें',
  entryCount: { one: '{count} प्रविष्टि', other: '{count} प्रविष्टियाँ' },
};

export default hi;
