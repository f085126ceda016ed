import { isObject, modelOnly, name, parseJson } from './json';
import type { SocketStreamSpec } from './types';

/**
 * Client frames `{"event": "send", "conversationId": …}`, server frames `appendText`,
 * `partCompleted`, `done`. No token counts are documented; a `model` field on a frame is taken if
 * one ever appears. The outcome tells health whether the frames still look like this.
 */
export const copilotStream: SocketStreamSpec = {
  site: 'copilot',
  transport: 'websocket',
  matches: (url) => url.hostname === 'copilot.microsoft.com' && url.pathname === '/c/api/chat',
  start() {
    let conversationId: string | null = null;
    let model: string | null = null;
    let events = 0;
    let unknown = 0;
    return {
      sent(data) {
        const message = parseJson(data);
        if (isObject(message) && message.event === 'send') {
          conversationId = name(message.conversationId) ?? conversationId;
          model = null;
          events = 0;
          unknown = 0;
          return true;
        }
        return false;
      },
      frame(data) {
        const message = parseJson(data);
        if (!isObject(message) || typeof message.event !== 'string') {
          unknown++;
          return null;
        }
        events++;
        model = name(message.model) ?? model;
        if (message.event !== 'done') return null;
        const problem = unknown > events ? 'unexpected frames' : null;
        return { conversationId, problem, usage: modelOnly(model) };
      },
    };
  },
};
