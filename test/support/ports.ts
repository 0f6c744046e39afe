// The port helpers live with the local stack, which `npm start` shares with the tests.
export { freePort, isPortInUse } from '../../scripts/local-stack/ports.ts';
