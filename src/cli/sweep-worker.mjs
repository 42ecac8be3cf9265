// Entry of a sweep worker thread. Workers do not inherit tsx's module hooks on Node 20, so this
// small plain-JS file registers tsx itself, then loads the TypeScript worker body.
import { register } from 'tsx/esm/api';

register();
await import('./sweep-worker-body.ts');
