import type { SiteId } from '../sites/hosts';

/*
 * Per-site mode tables: what a chat site's picker or stream shows INSTEAD of a model version
 * ("Fast", "Expert", "Smart", "pplx_pro", "gpt-5-6-thinking"…), and the catalog model it runs.
 *
 * These are facts with dates and sources, not guesses. Every entry says when the mapping was last
 * confirmed (asOf = date of the newest source) and where it comes from. A mode with no documented
 * API model maps to null and stays unpriced; it must never be priced from a family prefix or from
 * the site's default. Sites change what a mode runs without notice, so re-check entries whose asOf
 * is old (Copilot's date from 2025) before relying on them.
 *
 * Effort / thinking words are request settings of the SAME model at the SAME per-token price
 * (thinking tokens are billed as output tokens): Claude "Extended", "Adaptive", "Low", "Medium",
 * "High", "Max" (Anthropic: adaptive thinking + `effort`, Claude 4.6+; vercel.com/docs/ai-gateway
 * …/reasoning/anthropic); Gemini "Extended" / "Extended thinking" / "扩展思考" / "延伸思考" (thinking
 * level of the chosen model, Google's rollout 2026-06-03); DeepSeek "DeepThink" / "深度思考" (thinking
 * mode of the chosen V4 model). Strip them from a label before matching; the exact composite labels
 * seen in real captures are listed below as well. Exception: Anthropic's "fast mode" (Opus 4.8 / 5 /
 * 5.5, 2x price) is a different price, and was not seen in claude.ai's picker in any source.
 *
 * "code-index N" in a source = a public file found by exact-string search of the public-code index
 * (find_string id N) whose repository could not be resolved; the other sources name repo@commit or URL.
 */

/** A mode or product name a site's picker or stream shows instead of a model version. */
export interface SiteMode {
  site: SiteId;
  /** What the site shows, in each UI language found (matched case- and space-insensitively). */
  labels: readonly string[];
  /** Catalog id of the model this mode runs, or null when no documented API model matches (stays unpriced). */
  model: string | null;
  /** When the mapping was last confirmed (ISO date of the newest source). */
  asOf: string;
  /** Where the mapping comes from: publisher, page or repository+path@commit, and its date. */
  source: string;
}

export const SITE_MODES: readonly SiteMode[] = [
  // ───────────────────────────── Gemini (gemini.google.com) ─────────────────────────────
  // The picker names a MODE; each mode has a fixed hex id (x-goog-ext-525001261-jspb [4]) whose model
  // version Google bumps in place (HanaokaYuzu/Gemini-API renamed its enum from "gemini-3-flash" to
  // "gemini-flash" because "ids go stale whenever Google renames, renumbers or retiers a model").
  // Timeline: Fast/Thinking = Gemini 3 Flash, Pro = 3 Pro → 3.1 Pro (2025-12 → 2026-05); 3.5 Flash
  // default from I/O 2026-05-19; 2026-06-03 "Thinking" became an Extended thinking level on
  // Flash-Lite / Flash / Pro; menu "3.5 Flash-Lite / 3.6 Flash / 3.1 Pro" (live 2026-07, 2026-08),
  // "3.7 Flash" (live 2026-08-25), "3.8 Flash" (after the 2026-09-02 launch of Gemini 3.8 Flash).
  {
    site: 'gemini',
    labels: ['Flash', 'Gemini Flash', 'Flash Extended', 'Flash 扩展', 'Fast', 'Gemini Fast', '快速', '高速モード', 'Rápido'],
    model: 'google/gemini-3.8-flash',
    asOf: '2026-09-02',
    source:
      'Menu "3.5 Flash-Lite 极速回答 / 3.8 Flash 全方位帮助 / 3.1 Pro 高级推理 / 扩展思考", picker "Flash 扩展" (zh UI test fixture of a Gemini desktop wrapper, code-index id 68651210609, after 2026-09-02); ' +
      'Gemini 3.8 Flash GA 2026-09-02 (blog.google …/3-8-flash-and-3-8-flash-cyber, cited in google-gemini/gemini-cli#28802); ' +
      'aria-label "Open mode picker, currently Gemini Flash" and "Flash Extended" (live notes, code-index ids 68933294199, 69355788970, 2026-07/08). ' +
      '"Fast" is the pre-2026-06 name of the same mode id fbb127bbb056c959 (StreamGenerate inner[42]="Fast", real stream 2026-03-22; Google 2025-12: Fast runs Gemini 3 Flash). ' +
      'Localised: 快速 (data-test-id bard-mode-option-快速, code-index 53834036516), 高速モード (bard-mode-option-高速モード, code-index 47416295952/52980973363), Rápido (pt-BR mode list with id fbb127bbb056c959, code-index 55530703238).',
  },
  {
    site: 'gemini',
    labels: ['Thinking', 'Gemini Thinking', '思考', '思考モード', 'Raciocínio'],
    model: 'google/gemini-3.8-flash',
    asOf: '2026-09-02',
    source:
      'Thinking = the Flash model with thinking on: HanaokaYuzu/Gemini-API src/gemini_webapi/constants.py BASIC_THINKING "gemini-3-flash-thinking" = 5bf011840784117a (2026); ' +
      'Google 2025-12 folded Gemini 3 Flash into the app\'s "Fast" and "Thinking" modes (gadgetbond.com); s-anand.net 2026-02-02 "Flash-based thinking". ' +
      'Since 2026-06-03 the same choice is the "Extended thinking" level on Flash, and Flash is 3.8 Flash after 2026-09-02 (see the Flash entry). ' +
      'Localised: 思考 (bard-mode-option-思考, code-index 53834036516), 思考モード (bard-mode-option-思考モード, code-index 47416295952), Raciocínio (pt-BR list, id 5bf011840784117a, code-index 55530703238).',
  },
  {
    site: 'gemini',
    labels: ['Pro', 'Gemini Pro', 'Pro Extended'],
    model: 'google/gemini-3.1-pro',
    asOf: '2026-09-02',
    source:
      'Menu item "3.1 Pro" next to "3.8 Flash" (code-index 68651210609, after 2026-09-02) and next to 3.6/3.7 Flash (live 2026-07, 2026-08-25: code-index 59668554427, 57416894537, 70371591578); ' +
      'pick by mode id 9d8ca3786ebdfbea reads "Gemini Pro" (code-index 70830356422); pt-BR description "Matemática e programação avançadas com o 3.1 Pro" (code-index 55530703238). ' +
      'Gemini 3.1 Pro released 2026-02-19 (blog.google, via mungomash.com). A "3.5 Pro" was announced for 2026-06 but no capture shows it in the picker and the catalog has none.',
  },
  {
    site: 'gemini',
    labels: ['Flash-Lite', 'Gemini Flash-Lite', 'Flash Lite'],
    model: 'google/gemini-3.5-flash-lite',
    asOf: '2026-09-02',
    source:
      'Menu item "3.5 Flash-Lite" (live 2026-07 and 2026-08-25, and beside "3.8 Flash": code-index 59668554427, 70371591578, 68651210609); mode id cf41b0e0dd7d53e5 = "3.5 Flash-Lite" (code-index 70830356422). ' +
      'Gemini 3.5 Flash-Lite GA 2026-07-21 (blog.google …/gemini-3-6-flash-3-5-flash-lite-3-5-flash-cyber, cited in google-gemini/gemini-cli#28802).',
  },
  {
    site: 'gemini',
    labels: ['Deep Think', 'Gemini Deep Think'],
    model: null,
    asOf: '2026-06-03',
    source:
      'Deep Think = maximum parallel reasoning on 3.1 Pro, Google AI Ultra only (Google\'s thinking-levels rollout 2026-06-03, reported by usatimes247.com / particlenews); no Deep Think API model in the catalog.',
  },

  // ───────────────────────────── Grok (grok.com) ─────────────────────────────
  // xAI publishes no mode → API-model table. grok.com's own model config (real page 2026-01-12,
  // urzeye/ophel grok.html @9845e2e, queryKey ["get-models","zh"]) lists SLOTS, not API versions:
  //   grok-3  "Grok 3"  Legacy  "Quick responses by 4.1"  MODEL_MODE_FAST
  //   grok-4-auto "Grok 4 Auto" "Chooses Fast or Expert"  MODEL_MODE_AUTO
  //   grok-4  "Grok 4"  Expert  "Thinks hard"             MODEL_MODE_EXPERT
  //   grok-4-heavy "Grok 4 Heavy" "Team of experts"       MODEL_MODE_HEAVY (SuperGrok Heavy)
  // Later: Grok 4.20 selectable in all four modes from ~2026-03-18 (mungomash.com); picker
  // "Auto · Fast · Expert · Heavy · Build" live 2026-09-06, Expert "likely" on the Grok 4.6
  // generation, unverified (FineComputer14451/Grok-Imagine-Cinematic-Studio
  // docs/superpowers/plans/2026-09-06-grok-chat-46-model-mapping.md @33d2817). Grok 4.7 shipped
  // 2026-09-21. xAI names no API model per mode, but grok.com has run its current release in every
  // mode since 4.20, so Auto, Fast and Expert (and the slot names the stream reports for them) are
  // priced as the current release's API twin, grok-4.7: an explicit, dated stand-in, to be re-checked
  // when xAI documents the modes. Heavy (several agents at once) has no single API price.
  {
    site: 'grok',
    labels: ['Auto', '自动模式', 'Grok 4 Auto', 'grok-4-auto', 'MODEL_MODE_AUTO'],
    model: 'xai/grok-4.7',
    asOf: '2026-09-21',
    source:
      'Router: grok.com config 2026-01-12 "Grok 4 Auto — Chooses Fast or Expert" (urzeye/ophel grok.html @9845e2e); "Auto = router, do not assume a single API slug" (FineComputer14451/Grok-Imagine-Cinematic-Studio plan @33d2817, 2026-09-06); ' +
      'stream userResponse.model "grok-4-auto" + requestMetadata.mode "MODEL_MODE_AUTO" (real stream 2026-03-22). 自动模式 = picker text in the zh real page (2026-01-12). Priced as the current Grok release\'s API twin (xai/grok-4.7, released 2026-09-21): grok.com runs its current release in every mode since Grok 4.20 (~2026-03-18, mungomash.com); Spendmeter\'s explicit stand-in (2026-11-30).',
  },
  {
    site: 'grok',
    labels: ['Fast', '快速模式', 'MODEL_MODE_FAST'],
    model: 'xai/grok-4.7',
    asOf: '2026-09-21',
    source:
      'grok.com config 2026-01-12: Fast slot = modelId "grok-3", "Quick responses by 4.1" (consumer Grok 4.1, which has no API twin: the API only has Grok 4.1 Fast); ' +
      'Grok 4.20 in Fast from ~2026-03-18 (mungomash.com); 2026-09-06 plan marks Fast "uncertain until verified". 快速模式 in the zh real page (2026-01-12). Priced as the current Grok release\'s API twin (xai/grok-4.7, released 2026-09-21): grok.com runs its current release in every mode since Grok 4.20 (~2026-03-18, mungomash.com); Spendmeter\'s explicit stand-in (2026-11-30).',
  },
  {
    site: 'grok',
    labels: ['Expert', '专家模式', 'MODEL_MODE_EXPERT'],
    model: 'xai/grok-4.7',
    asOf: '2026-09-21',
    source:
      'grok.com config 2026-01-12: Expert slot = modelId "grok-4", "Thinks hard"; Grok 4.20 from ~2026-03-18 (mungomash.com); "flagship reasoning stack (4.6-era)", marked likely/unverified (FineComputer14451 plan @33d2817, 2026-09-06); ' +
      'no xAI statement names the API model. 专家模式: zh label in a grok.com UI clone\'s mode list [自动模式, 快速模式, 专家模式] (code-index 32223595401), not in a real capture. Priced as the current Grok release\'s API twin (xai/grok-4.7, released 2026-09-21): grok.com runs its current release in every mode since Grok 4.20 (~2026-03-18, mungomash.com); Spendmeter\'s explicit stand-in (2026-11-30).',
  },
  {
    site: 'grok',
    labels: ['Heavy', 'Grok 4 Heavy', 'grok-4-heavy', 'MODEL_MODE_HEAVY'],
    model: null,
    asOf: '2026-09-06',
    source:
      'Multi-agent "Team of experts", SuperGrok Heavy only (grok.com config 2026-01-12; picker still lists Heavy 2026-09-06). API grok-4.20-multi-agent is only "Heavy-adjacent" (FineComputer14451 plan), not documented as the same product.',
  },
  {
    site: 'grok',
    labels: ['grok-3'],
    model: 'xai/grok-4.7',
    asOf: '2026-09-21',
    source:
      'On grok.com "grok-3" is the Fast SLOT id, not the API model grok-3: config 2026-01-12 "Grok 3 — Legacy — Quick responses by 4.1" (urzeye/ophel grok.html @9845e2e); ' +
      'the real stream 2026-03-22 answers an Auto request with modelResponse.model "grok-3". Pricing it as API grok-3 ($3/$15) would be wrong. Priced as the current Grok release\'s API twin (xai/grok-4.7, released 2026-09-21): grok.com runs its current release in every mode since Grok 4.20 (~2026-03-18, mungomash.com); Spendmeter\'s explicit stand-in (2026-11-30).',
  },
  {
    site: 'grok',
    labels: ['grok-4'],
    model: 'xai/grok-4.7',
    asOf: '2026-09-21',
    source:
      'On grok.com "grok-4" is the Expert slot id (config 2026-01-12: defaultProModelId/defaultHeavyModelId "grok-4") and the stream\'s uiLayout.steerModelId (real stream 2026-03-22); Expert ran Grok 4.20 from ~2026-03-18, so it is not the API grok-4 (0709). Priced as the current Grok release\'s API twin (xai/grok-4.7, released 2026-09-21): grok.com runs its current release in every mode since Grok 4.20 (~2026-03-18, mungomash.com); Spendmeter\'s explicit stand-in (2026-11-30).',
  },

  // ───────────────────────────── DeepSeek (chat.deepseek.com) ─────────────────────────────
  // Radios div[data-model-type="default|expert|vision"] (2026-04-08 test, 2026-08 UI); the
  // DeepThink (深度思考) toggle is the thinking mode of the chosen model (see GENERIC_LABELS).
  // Before 2026-04 the web ran V3.x: DeepThink off = deepseek-chat, on = deepseek-reasoner; those
  // API aliases were retired 2026-07-24.
  {
    site: 'deepseek',
    labels: ['Instant', 'Fast', '快速模式', 'default'],
    model: 'deepseek/deepseek-flash',
    asOf: '2026-10-17',
    source:
      'DeepSeek V4 Preview release note (api-docs.deepseek.com news, 2026-04-24): chat.deepseek.com "Instant Mode" = V4-Flash, "Expert Mode" = V4-Pro (as quoted by slowhifi.com and deepseekai.guide); ' +
      'DeepSeek Models & Pricing (api-docs.deepseek.com/zh-cn/quick_start/pricing): deepseek-flash = DeepSeek-V4.1-Flash, old deepseek-v4-flash "对应模型已下线" and is served by V4.1-Flash (mapping dated 2026-10-17 in ikaijua/Awesome-AITools discussion #1107). ' +
      'Labels: data-model-type="default" 快速模式 (DeepSeek UI reference quoted in code-index 60282413386), "Instant" (code-index 63114402977, CodeWebChat 2026-08-11), "Fast Mode" (2026-04-08 test, gateex.org).',
  },
  {
    site: 'deepseek',
    labels: ['Expert', 'Advanced', '专家模式', 'expert'],
    model: 'deepseek/deepseek-v4-pro',
    asOf: '2026-10-17',
    source:
      'DeepSeek V4 release note 2026-04-24: web "Expert Mode" = DeepSeek-V4-Pro; pricing page: deepseek-v4-pro = DeepSeek-V4-Pro-0813 (current 2026-10-17). ' +
      'Client corroboration: Fu-Jie/deepseek-free-api v1.0.4 (2026-04-08) "expert maps to DeepSeek-V4-Pro". Labels: 专家模式 (code-index 60282413386, 60038128367), "Advanced" (code-index 63114402977).',
  },
  {
    site: 'deepseek',
    labels: ['Vision', '识图模式', 'vision'],
    model: 'deepseek/deepseek-flash',
    asOf: '2026-10-17',
    source:
      'DeepSeek pricing page: image understanding only on deepseek-flash (DeepSeek-V4.1-Flash); the former vision model name deepseek-v4-flash-vision-exp is retired and served by V4.1-Flash (2026-10-17). ' +
      'Label 识图模式 (data-model-type="vision", code-index 60282413386); Vision mode introduced 2026-04-08 (gateex.org).',
  },

  // ───────────────────────────── Copilot (copilot.microsoft.com) ─────────────────────────────
  {
    site: 'copilot',
    labels: ['Smart', 'Smart (GPT-5)', 'Smart mode'],
    model: 'openai/gpt-5',
    asOf: '2025-08-07',
    source:
      'Microsoft: Copilot "Smart" mode runs GPT-5, routing between GPT-5 fast and GPT-5 Thinking (GPT-5 launch 2025-08-07; Edge Canary picker label "Smart (GPT-5)", windowsnews.ai / windowsforum.com). ' +
      'Both variants bill like openai/gpt-5 ($1.25/$10). No newer Microsoft statement found; older than the catalog\'s newest OpenAI models, re-check.',
  },
  {
    site: 'copilot',
    labels: ['Think Deeper', 'Think deeper'],
    model: 'openai/o1',
    asOf: '2025-07-02',
    source:
      'Microsoft (2025-01, Think Deeper "powered by OpenAI o1", made free) and Microsoft Tech Community "Reasoning Models in Microsoft Copilot" (AndreThiemannMS, 2025-07-02): o1 "powers the Think Deeper feature" on copilot.microsoft.com. ' +
      'Newest source found, but stale: after GPT-5 (2025-08) Microsoft may route it differently. Low confidence.',
  },
  {
    site: 'copilot',
    labels: ['Quick response', 'Quick'],
    model: null,
    asOf: '2025-08-07',
    source: 'No Microsoft statement naming the model behind "Quick response" (windowsnews.ai 2025-08: Smart mode replaces choosing between Quick response / Think Deeper / Deep Research).',
  },
  {
    site: 'copilot',
    labels: ['Deep Research'],
    model: null,
    asOf: '2025-08-07',
    source: 'Multi-step research agent; Microsoft names no API model for the consumer Deep Research mode.',
  },
  {
    site: 'copilot',
    labels: ['Study', 'Study and learn'],
    model: null,
    asOf: '2025-08-07',
    source: 'Learning mode (a prompt/behaviour setting); Microsoft names no model for it.',
  },

  // ───────────────────────────── Perplexity (www.perplexity.ai) ─────────────────────────────
  // Stream `display_model` / `user_selected_model` / request `model_preference` codes.
  {
    site: 'perplexity',
    labels: ['pplx_pro', 'pplx_pro_upgraded'],
    model: 'perplexity/sonar-pro',
    asOf: '2026-07-31',
    source:
      'Pro "Best/Auto" router (the answering model is not named): real stream 2026-07-31 display_model/user_selected_model "pplx_pro" (aigerimzhalgasbekova/perplexity-client spike/fixtures/search-complete-2026-07-31.sse @6b86096); ' +
      'clients: "Pro auto (best) model" preference pplx_pro (code-index 54025440509), auto → pplx_pro (code-index 53215128794). No API twin for the router; priced as Sonar Pro, the API\'s model for Pro Search: Spendmeter\'s explicit stand-in (2026-11-30).',
  },
  {
    site: 'perplexity',
    labels: ['turbo'],
    model: 'perplexity/sonar',
    asOf: '2026-07-31',
    source: 'Free-tier default ("Default (auto) free model", code-index 54025440509; fast → turbo, code-index 61671703892). Perplexity documents no API model for it. No API twin for the free default; priced as Sonar, Perplexity\'s own default API model: Spendmeter\'s explicit stand-in (2026-11-30).',
  },
  {
    site: 'perplexity',
    labels: ['experimental'],
    model: 'perplexity/sonar',
    asOf: '2026-07-31',
    source:
      '"experimental" is the picker\'s "Sonar" (MODEL_PREFERENCE_SONAR = "experimental", code-index 52100685480; "Sonar model" preference experimental, code-index 54025440509). ' +
      'Perplexity describes Sonar (app and API) as its in-house Llama-3.3-70B-based search model; it does not state the app uses the same checkpoint as API "sonar" — medium confidence.',
  },
  {
    site: 'perplexity',
    labels: ['pplx_reasoning', 'pplx_alpha', 'pplx_beta', 'pplx_agentic_research', 'pplx_study'],
    model: null,
    asOf: '2026-07-31',
    source: 'Perplexity-internal Reasoning / Research / Labs / Study routers (client constants, code-index 52100685480, 33383492626, 71358164669); no documented API twin.',
  },

  // ───────────────────────────── ChatGPT (chatgpt.com) ─────────────────────────────
  // Per-message data-message-model-slug / resolved_model_slug: dashes for dots, mode suffix.
  {
    site: 'chatgpt',
    labels: ['gpt-5-6-auto-thinking'],
    model: 'openai/gpt-5.6-sol',
    asOf: '2026-07-19',
    source:
      'Slug on real pages 2026-07-19 (YongseopKim/llm-chat-exporter samples/edges/chatgpt_000.html, chatgpt_001.html @4893f75). GPT-5.x Thinking in ChatGPT = API gpt-5.x (catalog uiLabels "GPT-5.x Thinking"), and API "gpt-5.6" is the Sol alias (catalog; pydantic/genai-prices); ' +
      'ModelLens test canonicalises gpt-5-6-thinking → gpt-5.6-sol (code-index 68726954989); gpt-5-6-auto-thinking is a routing alias of the gpt-5-6-thinking route (code-index 66207834649). OpenAI has not published the tier behind ChatGPT\'s "GPT-5.6 Thinking" — medium confidence.',
  },
  {
    site: 'chatgpt',
    labels: ['Thinking'],
    model: 'openai/gpt-5.6-sol',
    asOf: '2026-07-19',
    source: 'The composer pill\'s "Thinking" without a version: the real pages of 2026-07-19 answer Thinking prompts with slug gpt-5-6-thinking (YongseopKim/llm-chat-exporter samples/edges/chatgpt_000.html, chatgpt_001.html @4893f75), API gpt-5.6 = Sol (catalog). The reply\'s own slug decides once there is one.',
  },
  {
    site: 'chatgpt',
    labels: ['Pro'],
    model: null,
    asOf: '2026-07-19',
    source: 'The composer pill\'s "Pro" without a version is GPT-5.6 Pro in 2026-07 (ChatGPT model list, code-index 55403823214): no API model in the catalog, so unpriced rather than priced as a cheaper default.',
  },
  {
    site: 'chatgpt',
    labels: ['gpt-5-6-pro'],
    model: null,
    asOf: '2026-07-19',
    source: 'ChatGPT model list shows gpt-5-6-pro (undated, ≥ 2026-07; code-index 55403823214); no GPT-5.6 Pro API model in the catalog.',
  },
  {
    site: 'chatgpt',
    labels: ['gpt-5-3-mini'],
    model: 'openai/gpt-5.4-mini',
    asOf: '2026-06-19',
    source:
      '"GPT-5.3 Mini", the free/logged-out fallback: real stream 2026-06-19 resolved_model_slug "gpt-5-3-mini" with model_adjustments ["auto:smaller_model:reached_message_cap"], plan_type free (code-index 67565816582); ' +
      'proxy catalog description "GPT-5.3 Mini" (code-index 59136400538). No gpt-5.3-mini API model exists in the catalog (API minis: gpt-5-mini, gpt-5.4-mini). Priced as the nearest API mini, gpt-5.4-mini (the next release\'s mini; OpenAI published no 5.3 mini): Spendmeter\'s explicit stand-in (2026-11-30).',
  },

  // ───────────────────────────── Claude (claude.ai) ─────────────────────────────
  // The label is "<model> <effort>"; the effort word is a request setting, same model, same price.

  // ───────────────────────────── Le Chat (chat.mistral.ai) ─────────────────────────────
  {
    site: 'mistral',
    labels: ['Think', 'Réflexion'],
    model: 'mistral/mistral-medium-2604',
    asOf: '2026-04-30',
    source:
      'Mistral AI model card (huggingface.co/mistralai/mistral-medium-3.5-128b, 2026-04-30): "Mistral Medium 3.5 replaces its predecessor Mistral Medium 3.1 and Magistral in Le Chat", reasoning effort configurable per request. ' +
      'Mode menu Think / Fast (CodeWebChat 2026-08-11); "Réflexion" = the Think option in French (generation-nt.com 2025-06, when it ran Magistral Medium).',
  },
  {
    site: 'mistral',
    labels: ['Fast'],
    model: 'mistral/mistral-medium-2604',
    asOf: '2026-04-30',
    source: 'Same model card: one model for instant replies and reasoning (reasoning_effort "none" vs "high", docs.sglang.io Mistral-Medium-3.5 cookbook); Fast = no reasoning on Medium 3.5.',
  },
];

/** Labels that name no particular model ("ChatGPT", "Model", "Best"): the next piece of evidence decides. */
export const GENERIC_LABELS: Readonly<Partial<Record<SiteId, readonly string[]>>> = {
  // Header "ChatGPT" / default_model_slug "auto"; composer pill modes without a version — the
  // per-message data-message-model-slug / resolved_model_slug always names the model.
  // "research" is the slug of a Deep Research reply (real page 2026-02-27): it says what the reply
  // was, not which chat model the next draft goes to.
  chatgpt: ['ChatGPT', 'Auto', 'auto', 'Instant', 'research'],
  // Brand-only chip; "Auto" mode with Low/Medium/High levels (live 2026-10-10, code-index
  // 71286719134, model undocumented — the picker id header decides); thinking-level toggles.
  gemini: ['Gemini', 'Auto', 'Gemini Auto', 'Extended thinking', 'Extended', '扩展思考', '延伸思考'],
  // Toggles, not models: the Instant / Expert / Vision radio decides.
  deepseek: ['DeepThink', 'Deep thinking', '深度思考', 'Search', 'Smart Search', '联网搜索', '智能搜索'],
  // The picker reads "Model" / "Best" until a specific model is chosen (2026-02-27 snapshot).
  perplexity: ['Model', 'Best', 'Auto', 'Choose a model'],
  // No source shows an "Auto" Copilot mode naming a model; the other Copilot words are modes
  // (SITE_MODES above).
  copilot: ['Auto', 'Copilot'],
};

// Gemini's picker ids live in their own module: the usage reader, which runs in the page, needs them
// without the rest of these tables.
export { GEMINI_PICKER_IDS } from './gemini-picker-ids';
