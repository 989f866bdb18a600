/* Kunskapsportalen: embedded pages that size themselves. No dependencies, no cookies.
 *
 * On a partner's page (include once, anywhere):
 *   <a href="https://PORTAL/typfall/resan/" data-portal-embed="https://PORTAL/embed/resan/">Sommarresan</a>
 *   <script src="https://PORTAL/assets/js/embed.js" async></script>
 * Each such link becomes an iframe of the embed view; without JavaScript it stays a link.
 * Iframes written by hand or by oEmbed (<iframe data-portal-embed src=".../embed/...">) are
 * sized too. Heights arrive by postMessage and are accepted only from the iframe's own
 * window and from the origin this script was loaded from.
 *
 * Inside an embed view (<html data-portal-embed-view>) the same file reports the height of
 * the content to the parent window: at load, when the window is resized, when a collapsible
 * section (<details>) opens or closes, and whenever the content changes size. The view's quick
 * exit is quick-exit.js: it replaces the partner's page in the top window.
 */
(function () {
  "use strict";
  var HEIGHT = "portal-embed:height";
  var HELLO = "portal-embed:hello";

  if (document.documentElement.hasAttribute("data-portal-embed-view")) {
    reportHeight();
  } else {
    sizeFrames();
  }

  /* ---------------------------------------------------------------- inside the frame */
  function reportHeight() {
    if (window.parent === window) return;          // opened on its own: nothing to size
    var parentOrigin = "*";                         // a height is not a secret; narrowed after "hello"
    var content = document.querySelector("[data-portal-embed-content]") || document.body;
    var last = -1;
    var queued = false;

    function measure() {
      var rect = content.getBoundingClientRect();
      return Math.ceil(rect.bottom + window.pageYOffset);
    }
    function send(force) {
      var height = measure();
      if (!force && height === last) return;
      last = height;
      window.parent.postMessage({ type: HEIGHT, height: height }, parentOrigin);
    }
    function later() {
      if (queued) return;
      queued = true;
      (window.requestAnimationFrame || setTimeout)(function () { queued = false; send(false); });
    }

    window.addEventListener("message", function (event) {
      if (event.source !== window.parent || !event.data || event.data.type !== HELLO) return;
      parentOrigin = event.origin;
      document.documentElement.classList.add("portal-embed-sized");   // the parent sizes us: no scrollbar
      send(true);
    });
    window.addEventListener("load", function () { send(true); });
    window.addEventListener("resize", later);
    document.addEventListener("toggle", later, true);   // <details> opened or closed ("toggle" does not bubble)
    if (window.ResizeObserver) new ResizeObserver(later).observe(content);
    send(true);

    // The quick exit (the link and Shift pressed three times) is quick-exit.js, loaded by the view.
  }

  /* ------------------------------------------------------------ on the partner's page */
  function sizeFrames() {
    if (window.portalEmbed) { window.portalEmbed.scan(); return; }   // included twice: scan again only
    var script = document.currentScript;
    var portalOrigin = script && script.src ? new URL(script.src, location.href).origin : null;
    var frames = [];

    function originOf(url) {
      try { return new URL(url, location.href).origin; } catch (e) { return null; }
    }
    function ours(url) {
      var origin = originOf(url);
      return origin !== null && (portalOrigin === null || origin === portalOrigin) &&
        /\/embed\/[a-z0-9-]+\/?$/.test(new URL(url, location.href).pathname);
    }
    function greet(frame) {
      if (frame.contentWindow) frame.contentWindow.postMessage({ type: HELLO }, originOf(frame.src));
    }
    function loaded(frame) {
      // Still about:blank (same origin as this page) until the embed view has loaded.
      try { return !frame.contentWindow || !frame.contentWindow.location.href; } catch (e) { return true; }
    }
    function track(frame) {
      if (frame.hasAttribute("data-portal-embed-ready") || !ours(frame.src)) return;
      frame.setAttribute("data-portal-embed-ready", "");
      frame.style.width = "100%";
      frame.style.maxWidth = "100%";
      frame.style.border = "0";
      frame.style.display = "block";
      frame.setAttribute("scrolling", "no");
      frame.addEventListener("load", function () { greet(frame); });
      frames.push(frame);
      if (loaded(frame)) greet(frame);
    }
    function fromLink(link) {
      var src = link.getAttribute("data-portal-embed");
      if (!ours(src)) return;
      var frame = document.createElement("iframe");
      frame.src = new URL(src, location.href).href;
      frame.title = link.textContent.replace(/\s+/g, " ").trim();
      frame.height = "600";
      frame.setAttribute("data-portal-embed", "");
      frame.setAttribute("loading", "lazy");
      frame.setAttribute("referrerpolicy", "no-referrer");
      frame.setAttribute("sandbox", "allow-scripts allow-same-origin allow-popups " +
        "allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation");
      link.parentNode.replaceChild(frame, link);
      track(frame);
    }
    function scan() {
      var links = document.querySelectorAll("a[data-portal-embed]");
      for (var i = 0; i < links.length; i++) fromLink(links[i]);
      var iframes = document.querySelectorAll("iframe[data-portal-embed]");
      for (var j = 0; j < iframes.length; j++) track(iframes[j]);
    }

    window.addEventListener("message", function (event) {
      var data = event.data;
      if (!data || data.type !== HEIGHT || typeof data.height !== "number") return;
      for (var i = 0; i < frames.length; i++) {
        var frame = frames[i];
        if (event.source !== frame.contentWindow || event.origin !== originOf(frame.src)) continue;
        var height = Math.max(0, Math.min(Math.round(data.height), 100000));
        frame.style.height = height + "px";
        frame.height = String(height);
        return;
      }
    });

    window.portalEmbed = { scan: scan };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan);
    else scan();
  }
})();
