/* Sharing, as an enhancement: without this file the copy link is a plain link
   to the article and the phone's share button stays hidden. */
(function () {
  "use strict";
  var status = document.querySelector(".share-status");
  function say(text) {
    if (status) { status.textContent = text; }
  }

  document.querySelectorAll("[data-copy-link]").forEach(function (link) {
    if (!navigator.clipboard || !window.isSecureContext) { return; }
    link.addEventListener("click", function (event) {
      event.preventDefault();
      navigator.clipboard.writeText(link.href).then(
        function () { say("คัดลอกลิงก์แล้ว"); },
        function () { say("คัดลอกไม่สำเร็จ กดค้างที่ลิงก์เพื่อคัดลอก"); }
      );
    });
  });

  document.querySelectorAll("[data-web-share]").forEach(function (button) {
    if (!navigator.share) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.share({ title: button.dataset.title, url: button.dataset.url })
        .catch(function () { /* closed by the reader: nothing to say */ });
    });
  });
})();
