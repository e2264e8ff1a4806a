// The door's check-in page. A USB QR scanner is a keyboard: it types the code into the focused
// field and presses Enter, which submits the form; so the field keeps the focus. Where the
// browser has the BarcodeDetector API (Chrome on Android, for one), a camera button reads the
// QR code from the camera instead, fills the field and submits. Nothing is loaded from
// elsewhere: without the API, the button stays hidden.
(function () {
  var form = document.getElementById("checkin-form");
  if (!form) return;
  var field = form.querySelector("input[name=code]");
  // The field has `autofocus`: a scanner may already be typing into it when this runs, and
  // select() would then let its next character replace the ones typed so far.
  if (field && document.activeElement !== field) {
    field.focus();
    field.select();
  }

  var area = document.getElementById("camera-area");
  var button = document.getElementById("camera-button");
  var video = document.getElementById("camera-video");
  var error = document.getElementById("camera-error");
  if (!("BarcodeDetector" in window) || !navigator.mediaDevices || !area || !button) return;
  area.classList.remove("d-none");

  var stream = null;
  var label = button.querySelector("span");
  var startLabel = label.textContent;

  function stop() {
    if (stream) stream.getTracks().forEach(function (track) { track.stop(); });
    stream = null;
    video.classList.add("d-none");
    label.textContent = startLabel;
  }

  function scan(detector) {
    if (!stream) return;
    detector.detect(video).then(function (codes) {
      var found = codes.find(function (code) { return code.rawValue; });
      if (found) {
        field.value = found.rawValue;
        stop();
        form.requestSubmit ? form.requestSubmit() : form.submit();
        return;
      }
      window.requestAnimationFrame(function () { scan(detector); });
    }).catch(function () {
      window.setTimeout(function () { scan(detector); }, 250);
    });
  }

  button.addEventListener("click", function () {
    if (stream) { stop(); field.focus(); return; }
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (media) {
        stream = media;
        video.srcObject = media;
        video.classList.remove("d-none");
        error.classList.add("d-none");
        label.textContent = button.dataset.stopLabel;
        return video.play().then(function () { scan(detector); });
      })
      .catch(function () {
        stop();
        error.textContent = error.dataset.message;
        error.classList.remove("d-none");
      });
  });
})();
