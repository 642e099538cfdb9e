// Linked into the test programs, the only ones built with the sanitizers.
// fontconfig 2.14.1 (Debian 12) loses 288 bytes once per process while it parses its
// configuration (in FcInitLoadConfigAndFonts, which Pango calls on first use). LeakSanitizer
// asks sanitized builds for this hook; it names the blocks fontconfig itself allocates (the
// fast unwinder stops in fontconfig, so its library is the name to match). A layout or font
// map left behind still shows: the tests run with G_SLICE=always-malloc, which makes GLib's
// objects plain allocations that LeakSanitizer sees. Only the sanitized test programs define it.
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libfontconfig.so\n";
}
