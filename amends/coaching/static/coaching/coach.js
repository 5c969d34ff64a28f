// "Use this reply": put a playbook's filled-in template into the composer and let the coach read it.
(function () {
  if (window.amendsCoach) return;
  window.amendsCoach = true;
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-use-template]");
    if (!button) return;
    var source = document.getElementById(button.getAttribute("data-use-template"));
    var box = document.querySelector("textarea[hx-target=\"#coach-panel\"]");
    if (!source || !box) return;
    var reply = document.querySelector("#complaint input[name=kind][value=reply]");
    if (reply) reply.checked = true;
    box.value = source.textContent;
    box.focus();
    box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  });
})();
