// Check-in list: refusals (stale list, closed record) carry the list to show, with the reason: swap them too.
(function () {
  "use strict";
  document.addEventListener("htmx:beforeSwap", function (event) {
    var code = event.detail.xhr.status;
    if ((code === 400 || code === 409) && event.detail.target && event.detail.target.id === "checkin-rows") {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
})();
