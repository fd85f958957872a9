export * from './catalogue.js';
export * from './issue-message.js';
export { MESSAGES_EN } from './messages.en.js';
export { MESSAGES_ZH_CN } from './messages.zh-CN.js';
export * from './alignment-message.js';
export * from './zone-name.js';
export * from './note-message.js';
