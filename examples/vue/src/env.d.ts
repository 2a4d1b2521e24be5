/// <reference types="vite/client" />
// The PortTask elements in Vue templates: props and events, typed (vue-tsc, Volar).
/// <reference types="@porttask/widgets/vue" />

interface ImportMetaEnv {
  /** Origin of the PortTask API, e.g. https://api.porttask.example. */
  readonly VITE_PORTTASK_API_URL: string;
  /** The tenant's publishable key (pk_test_… / pk_live_…), bound to this site's origin. */
  readonly VITE_PORTTASK_PUBLISHABLE_KEY: string;
}
