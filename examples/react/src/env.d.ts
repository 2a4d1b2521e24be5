/// <reference types="vite/client" />
// The PortTask elements in JSX: tags, properties, attributes and events, typed.
/// <reference types="@porttask/widgets/react" />

interface ImportMetaEnv {
  /** Origin of the PortTask API, e.g. https://api.porttask.example. */
  readonly VITE_PORTTASK_API_URL: string;
  /** The tenant's publishable key (pk_test_… / pk_live_…), bound to this site's origin. */
  readonly VITE_PORTTASK_PUBLISHABLE_KEY: string;
}
