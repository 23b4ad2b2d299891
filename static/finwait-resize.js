// finwait's frame resizer, for course pages: include it once after your finwait iframes and
// each frame is sized to its content, whatever the lab shows (an event log, a narrower phone).
// finwait posts {source: "finwait", type: "resize", height} to the page that frames it; this
// script finds the frame that sent it (by the message's source window, not by any name) and
// sets its height. It takes only those messages, and only heights a page could mean.
(() => {
  const MIN = 240;
  const MAX = 4000;
  window.addEventListener("message", (event) => {
    const data = event.data;
    if (!data || data.source !== "finwait" || data.type !== "resize") return;
    const height = Number(data.height);
    if (!Number.isFinite(height)) return;
    for (const frame of document.querySelectorAll("iframe")) {
      if (frame.contentWindow === event.source) {
        frame.style.height = `${Math.min(MAX, Math.max(MIN, Math.round(height)))}px`;
      }
    }
  });
})();
