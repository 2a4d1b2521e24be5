import { useState } from 'react';
import type { ConsentState } from '@porttask/widgets/consent-banner';

const apiUrl = import.meta.env.VITE_PORTTASK_API_URL;
const publishableKey = import.meta.env.VITE_PORTTASK_PUBLISHABLE_KEY;

/**
 * A partner portal page: the consent banner (React 19 sets `apiUrl` / `publishableKey` as
 * element properties) and the port's live line-up. `onporttask-consent-change` is a real DOM
 * event listener, typed with the event's detail.
 */
export function App() {
  const [consent, setConsent] = useState<ConsentState | undefined>();
  return (
    <main>
      <h1>Harbour Agency</h1>
      <p id="consent-summary">
        {consent?.decided ? `Analytics ${consent.choices['analytics'] ? 'allowed' : 'refused'}` : 'No consent decision yet'}
      </p>
      <h2>Rotterdam line-up</h2>
      <porttask-vessel-schedule apiUrl={apiUrl} publishableKey={publishableKey} port="NLRTM" tz="port" live />
      <porttask-consent-banner
        apiUrl={apiUrl}
        publishableKey={publishableKey}
        onporttask-consent-change={(event) => setConsent(event.detail.consent)}
      />
    </main>
  );
}
