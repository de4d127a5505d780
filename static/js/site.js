/* Parallax: small progressive enhancements on top of htmx.
 * The site works without this file; it only tidies URLs and focus. */
(function () {
  "use strict";

  // Leave empty filter fields out of the request, so pushed URLs stay short
  // and shareable (?speaker=ryan-crocker rather than ?speaker=ryan-crocker&outlet=&q=).
  document.addEventListener("htmx:configRequest", function (event) {
    var params = event.detail.parameters;
    var empty = [];
    if (params && typeof params.forEach === "function") {
      params.forEach(function (value, key) { if (value === "") { empty.push(key); } });
      empty.forEach(function (key) { params.delete(key); });
    } else if (params) {
      Object.keys(params).forEach(function (key) { if (params[key] === "") { delete params[key]; } });
    }
  });

  // A filter form with JavaScript needs no submit button; keep it for
  // keyboard users but mark the page so CSS can tone it down.
  document.documentElement.classList.add("js");
})();
