/* A client's home programme (/plan/<token>/): "Done today" ticks kept only in this browser, the
   optional check-in sent without leaving the page, and the service worker that keeps the page
   readable offline. Without JavaScript the page still works: no ticks, and the check-in form
   posts as a normal form. */
(function () {
  "use strict";

  function today() {
    var now = new Date();
    var month = String(now.getMonth() + 1).padStart(2, "0");
    var day = String(now.getDate()).padStart(2, "0");
    return now.getFullYear() + "-" + month + "-" + day;
  }

  function readTicks(key) {
    try {
      var saved = JSON.parse(window.localStorage.getItem(key) || "null");
      if (saved && saved.day === today() && Array.isArray(saved.done)) {
        return saved.done;
      }
    } catch (error) {
      // Storage switched off or unreadable: start with no ticks.
    }
    return [];
  }

  function writeTicks(key, done) {
    try {
      window.localStorage.setItem(key, JSON.stringify({day: today(), done: done}));
    } catch (error) {
      // Private mode with storage full or off: ticks last until the page is closed.
    }
  }

  function setUpTicks(plan) {
    var key = plan.getAttribute("data-plan-key");
    var boxes = plan.querySelectorAll("[data-plan-done-box]");
    var done = readTicks(key);
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      box.checked = done.indexOf(box.value) !== -1;
      box.closest("[data-plan-done]").hidden = false;
      box.addEventListener("change", function () {
        var ticked = [];
        for (var j = 0; j < boxes.length; j++) {
          if (boxes[j].checked) {
            ticked.push(boxes[j].value);
          }
        }
        writeTicks(key, ticked);
      });
    }
  }

  function setUpCheckIn(plan) {
    var form = plan.querySelector("[data-plan-checkin]");
    if (!form || !window.fetch || !window.FormData) {
      return;
    }
    var status = form.querySelector("[data-plan-checkin-status]");
    var button = form.querySelector("button[type=submit]");
    function say(message, isError) {
      status.textContent = message;
      status.classList.toggle("plan-checkin__status--error", Boolean(isError));
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!form.querySelector("input[name=feeling]:checked")) {
        say("Choose how it feels today, from 0 to 10.", true);
        form.querySelector("input[name=feeling]").focus();
        return;
      }
      button.disabled = true;
      say("Sending…", false);
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: {Accept: "application/json"},
        credentials: "omit",
      })
        .then(function (response) {
          return response.json().then(function (data) {
            if (response.ok) {
              form.reset();
              say(data.message, false);
            } else {
              say(data.error || "That did not work. Please try again.", true);
            }
          });
        })
        .catch(function () {
          // Offline: what she wrote stays in the form for when the connection is back.
          say("You seem to be offline, so nothing was sent. Try again when you are connected.", true);
        })
        .then(function () {
          button.disabled = false;
        });
    });
  }

  function setUpOffline(plan) {
    var notice = plan.querySelector("[data-plan-offline]");
    function update() {
      if (notice) {
        notice.hidden = navigator.onLine !== false;
      }
    }
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    update();

    var worker = plan.getAttribute("data-plan-worker");
    if (!worker || !("serviceWorker" in navigator)) {
      return;
    }
    navigator.serviceWorker
      .register(worker, {scope: plan.getAttribute("data-plan-scope")})
      .then(function () {
        return navigator.serviceWorker.ready;
      })
      .then(function (registration) {
        // This first load came before the worker ran: ask it to keep this page too.
        if (registration.active && navigator.onLine !== false) {
          registration.active.postMessage({type: "keep-page", url: window.location.pathname});
        }
      })
      .catch(function () {
        // No offline copy (private browsing, storage off): the page still works online.
      });
    navigator.serviceWorker.addEventListener("message", function (event) {
      if (event.data && event.data.type === "page-kept") {
        plan.setAttribute("data-plan-kept", "");
      }
    });
  }

  function init() {
    var plan = document.querySelector("[data-plan]");
    if (!plan) {
      return;
    }
    setUpTicks(plan);
    setUpCheckIn(plan);
    setUpOffline(plan);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
