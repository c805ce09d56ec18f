// Rapport offline: keeps the application shell (page, script, styles, manifest, icon). The page is fetched from the
// network first (fresh CSRF token and texts) and from the cache when offline; the other files from the cache first.
// Web API calls are never cached: the records live in IndexedDB, kept by the page through delta links.
const SHELL = "rapport-offline-shell-v2";
const FILES = ["/offline/", "/offline/app.js", "/offline/offline.css", "/offline/manifest.webmanifest",
  "/offline/icon.svg"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k !== SHELL).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin || !url.pathname.startsWith("/offline/")) {
    return;
  }
  if (url.pathname === "/offline/profile") {
    // the administrator's profile: always from the server (the page asks for it only when online)
    return;
  }
  if (url.pathname === "/offline/") {
    event.respondWith(fetch(event.request).then((response) => {
      if (response.ok && !response.redirected) {
        const copy = response.clone();
        caches.open(SHELL).then((cache) => cache.put("/offline/", copy));
        return response;
      }
      return caches.match("/offline/").then((cached) => cached || response);
    }).catch(() => caches.match("/offline/")));
    return;
  }
  event.respondWith(caches.match(url.pathname).then((cached) => cached || fetch(event.request)));
});
