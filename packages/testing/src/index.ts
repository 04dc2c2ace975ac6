export { pollUntil, uniqueName } from './helpers';
