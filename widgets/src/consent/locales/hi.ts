import type { TranslationOf } from '../../core/locales/catalog.ts';
import type en from './en.ts';

const hi: TranslationOf<typeof en> = {
  title: 'आपकी गोपनीयता संबंधी पसंद',
  description: 'हम कुकीज़ और इसी तरह की तकनीकों का उपयोग करते हैं। अत्यंत आवश्यक कुकीज़ इस साइट को चलाती हैं। अन्य का उपयोग हम केवल उन्हीं उद्देश्यों के लिए करते हैं जिनकी आप अनुमति देते हैं। आप अपनी पसंद कभी भी बदल सकते हैं।',
  policyLink: 'गोपनीयता नीति (संस्करण {version}, अद्यतन {date})',
  acceptAll: 'सभी स्वीकार करें',
  rejectAll: 'सभी अस्वीकार करें',
  customise: 'अनुकूलित करें',
  save: 'पसंद सहेजें',
  preferencesTitle: 'गोपनीयता प्राथमिकताएँ',
  close: 'बंद करें',
  alwaysOn: 'हमेशा चालू',
  services: 'सेवाएँ: {services}',
  gpcNotice: 'आपके ब्राउज़र ने ग्लोबल प्राइवेसी कंट्रोल संकेत भेजा, इसलिए हमने इन्हें बंद कर दिया है: {purposes}।',
  openPreferences: 'गोपनीयता संबंधी पसंद',
};

export default hi;
