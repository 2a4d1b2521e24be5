// Stands in for Google's tag snippet on the demo (it loads no Google code): the snippet's own
// lines, as a file because the portal's CSP allows no inline script. A real portal also loads
// https://www.googletagmanager.com/gtag/js?id=… here.
window.dataLayer = window.dataLayer || [];
function gtag() { window.dataLayer.push(arguments); }
gtag('js', new Date());
gtag('config', 'G-DEMO000000');
