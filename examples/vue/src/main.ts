import { createApp } from 'vue';
// Each import defines its element's tag (once, whatever else loads the widgets).
import '@porttask/widgets/consent-banner';
import '@porttask/widgets/vessel-schedule';
import App from './App.vue';

createApp(App).mount('#app');
