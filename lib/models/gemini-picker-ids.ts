/**
 * Gemini picker mode ids, sent as element [4] of the `x-goog-ext-525001261-jspb` request header
 * (`[1,null,null,null,"<id>",null,null,0,[4],null,null,<capacity>]`) → catalog model the mode runs
 * as of the SITE_MODES asOf dates above. Each id is a MODE (Basic / Plus / Advanced tier variants),
 * not a model version: Google bumps the version behind it (3 Flash → 3.5 → 3.6 → 3.7 → 3.8 Flash).
 * Legacy per-model ids (2.0 Flash f299729663a2343f, 1.5 Flash 418ab5ea040b5c43, 1.5 Pro
 * 9d60dfae93c9ff1f, 2.0 Flash Thinking 9c17b1863f581b8a; HanaokaYuzu/Gemini-API constants.py
 * @005545782f97) are left out: those models are retired from the app.
 */
export const GEMINI_PICKER_IDS: Readonly<Record<string, string>> = {
  // Flash ("Fast") mode, Basic tier: HanaokaYuzu/Gemini-API constants.py BASIC_FLASH (newest: "gemini-flash", category 1 FAST);
  // real stream 2026-03-22 inner[39] with inner[42]="Fast"; menu 3.8 Flash after 2026-09-02.
  fbb127bbb056c959: 'google/gemini-3.8-flash',
  // Flash mode, Plus/Advanced tier: HanaokaYuzu constants.py PLUS_FLASH / ADVANCED_FLASH; adapter "fast" option (code-index 53834036516).
  '56fdd199312815e2': 'google/gemini-3.8-flash',
  // Thinking mode (Flash with thinking), Basic: HanaokaYuzu constants.py BASIC_THINKING "gemini-3-flash-thinking"; pt-BR "Raciocínio".
  '5bf011840784117a': 'google/gemini-3.8-flash',
  // Thinking mode, Plus tier: HanaokaYuzu constants.py PLUS_THINKING "gemini-3-flash-thinking-plus".
  e051ce1aa80aa576: 'google/gemini-3.8-flash',
  // Pro mode, Basic: HanaokaYuzu constants.py BASIC_PRO ("gemini-pro", category 3 PRO); picks "3.1 Pro" (code-index 70830356422).
  '9d8ca3786ebdfbea': 'google/gemini-3.1-pro',
  // Pro mode, Plus/Advanced: HanaokaYuzu constants.py PLUS_PRO / ADVANCED_PRO; KNOWN_PROVIDER_MODELS family "pro"
  // (code-index 55396851187). One Rust client calls it HEX_MODE_THINKING (code-index 60936379674); outvoted.
  e6fa609c3fa255c0: 'google/gemini-3.1-pro',
  // Flash-Lite mode, Basic: HanaokaYuzu constants.py BASIC_LITE (category 6 FLASH_LITE); "3.5 Flash-Lite" (code-index 70830356422).
  cf41b0e0dd7d53e5: 'google/gemini-3.5-flash-lite',
  // Flash-Lite mode, Plus tier: HanaokaYuzu constants.py PLUS_LITE; KNOWN_PROVIDER_MODELS flash_lite (code-index 55396851187).
  '8c46e95b1a07cecc': 'google/gemini-3.5-flash-lite',
  // Flash-Lite, "verified live" in one header capture (capacity 3; code-index 63152239884, 2026).
  '1d44b34bcaa1c04d': 'google/gemini-3.5-flash-lite',
};
