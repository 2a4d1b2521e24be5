import type { TranslationOf } from '../../../core/locales/catalog.ts';
import type en from './en.ts';

const hi: TranslationOf<typeof en> = {
  frameTitle: 'साइन इन करें',
  signedInAs: '{email} के रूप में साइन इन',
  signOut: 'साइन आउट करें',
  restoring: 'आपका साइन-इन जाँचा जा रहा है…',
  unavailable: 'साइन-इन अभी उपलब्ध नहीं है। बाद में फिर से प्रयास करें।',
  accountSecurity: 'खाता सुरक्षा',
};
export default hi;
