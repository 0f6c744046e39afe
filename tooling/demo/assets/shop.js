// The demo shop's consent banner and tracking status. The banner remembers the visitor's
// decision in localStorage (as consent banners do) and tells the pixel on every page with
// pjpixel.consent(true | false); the pixel itself never remembers it (docs/pixel.md, Consent).
// The layout's queueing stub makes pjpixel.consent callable before the pixel has loaded.
(() => {
  const KEY = 'demo-shop-consent';
  const banner = document.getElementById('consent-banner');

  const readDecision = () => {
    try {
      return localStorage.getItem(KEY);
    } catch {
      return null; // Storage blocked: the banner asks again on each page.
    }
  };
  const remember = (decision) => {
    try {
      localStorage.setItem(KEY, decision);
    } catch {
      // Storage blocked: the decision holds for this page only.
    }
  };
  const setText = (id, text) => {
    const element = document.getElementById(id);
    if (element) element.textContent = text;
  };

  const showStatus = () => {
    const decision = readDecision();
    setText(
      'consent-state',
      decision === 'granted' ? 'accepted' : decision === 'denied' ? 'declined' : 'not given yet',
    );
    const pixel = window.pjpixel;
    const conversion =
      pixel && typeof pixel.getConversion === 'function' ? pixel.getConversion() : null;
    setText('pj-click', conversion ? conversion.clickId : 'none');
  };

  const decide = (granted) => {
    remember(granted ? 'granted' : 'denied');
    window.pjpixel.consent(granted);
    banner.hidden = true;
    showStatus();
  };

  const stored = readDecision();
  if (stored === 'granted' || stored === 'denied') window.pjpixel.consent(stored === 'granted');
  else banner.hidden = false;

  document.getElementById('consent-accept').addEventListener('click', () => decide(true));
  document.getElementById('consent-decline').addEventListener('click', () => decide(false));
  document.getElementById('consent-settings').addEventListener('click', () => {
    banner.hidden = false;
  });
  // After the snippet's own load listener (registered earlier, in <head>) has run init.
  window.addEventListener('load', showStatus);
})();
