// The crash dialog's one button (the app itself no longer runs after a panic): forget the
// session this browser kept, which may be what crashed it, and open the lab afresh with the
// address's own parameters (an embed keeps its locks) but without its session.
document.getElementById("crash-reset")?.addEventListener("click", () => {
  try {
    for (const key of Object.keys(localStorage)) if (key.startsWith("finwait.")) localStorage.removeItem(key);
  } catch {
    // Storage refused (a sandboxed frame): nothing was kept.
  }
  location.href = location.pathname + location.search.replace(/([?&])s=[^&]*/g, "$1");
});
