// `wrangler dev` as a child process lives with the local stack, which `npm start` shares with
// the tests.
export {
  REPO_ROOT,
  startWranglerDev,
  type WranglerDev,
  type WranglerDevOptions,
} from '../../scripts/local-stack/wrangler-dev.ts';
