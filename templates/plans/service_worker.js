/* Keeps each home programme readable offline after the first visit: the plan pages the client
   opened and the site's own styles and scripts. Served from {{ plan_prefix }}sw.js, so its scope
   is {{ plan_prefix }} and it never touches the rest of the site. Videos (and anything else from
   another site) always go to the network and are never stored. A plan that has been switched
   off or has ended (410) or no longer exists (404) is removed from the phone. */
"use strict";

var CACHE = "plan-v1";
var PREFIX = "{{ plan_prefix|escapejs }}";
var ASSETS = [{% for asset in assets %}"{{ asset|escapejs }}"{% if not forloop.last %}, {% endif %}{% endfor %}];

function isPlanPage(url) {
  // /plan/<token>/ and /plan/<token>/sheet/; not the check-in or the calendar file.
  var rest = url.pathname.slice(PREFIX.length).split("/");
  return url.pathname.indexOf(PREFIX) === 0 && rest[0] !== "" && rest[0] !== "sw.js" &&
    ((rest.length === 2 && rest[1] === "") ||
     (rest.length === 3 && rest[1] === "sheet" && rest[2] === ""));
}

function pageKey(url) {
  return url.origin + url.pathname;
}

function savePage(url, request) {
  return fetch(request || url.pathname, {cache: "no-store"}).then(function (response) {
    return caches.open(CACHE).then(function (cache) {
      // "?sent=1" pages carry a one-off confirmation: keep only the plain address.
      if (response.ok && !url.search) {
        return cache.put(pageKey(url), response.clone()).then(function () { return response; });
      }
      if (response.status === 404 || response.status === 410) {
        return cache.delete(pageKey(url)).then(function () { return response; });
      }
      return response;
    });
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.addAll(ASSETS); }));
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (key) {
        return key.indexOf("plan-") === 0 && key !== CACHE;
      }).map(function (key) { return caches.delete(key); }));
    }).then(function () { return self.clients.claim(); })
  );
});

// The page asks for itself to be kept: its first load came before this worker was running.
self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type !== "keep-page" || typeof data.url !== "string") {
    return;
  }
  var url = new URL(data.url, self.location.origin);
  if (url.origin === self.location.origin && isPlanPage(url)) {
    event.waitUntil(savePage(url).then(function () {
      if (event.source) {
        event.source.postMessage({type: "page-kept"});
      }
    }, function () {}));
  }
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") {
    return;
  }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;  // videos and every other site: straight to the network, never stored
  }
  if (request.mode === "navigate" && isPlanPage(url)) {
    // Network first, so a change she makes (or switching the plan off) shows at once.
    event.respondWith(savePage(url, request).catch(function () {
      return caches.match(pageKey(url), {ignoreVary: true}).then(function (cached) {
        return cached || Response.error();
      });
    }));
    return;
  }
  if (ASSETS.indexOf(url.pathname) !== -1) {
    // The cached copy at once, refreshed in the background for next time.
    event.respondWith(caches.open(CACHE).then(function (cache) {
      return cache.match(request).then(function (cached) {
        var fresh = fetch(request).then(function (response) {
          if (response.ok) {
            cache.put(request, response.clone());
          }
          return response;
        });
        if (cached) {
          fresh.catch(function () {});
          return cached;
        }
        return fresh;
      });
    }));
  }
});
