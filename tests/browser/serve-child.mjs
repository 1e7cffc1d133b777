// Serves a built site from a process of its own (see serveApart in lib.mjs), so that
// timings taken in the test's process do not wait on the server's work, and reports
// its base URL and every file it sends to the parent.
//
//   fork("serve-child.mjs", [dir])

import { serve } from "./lib.mjs";

const { log, base } = await serve(process.argv[2]);
const record = log.push.bind(log);
log.push = (entry) => {
  process.send({ entry });
  return record(entry);
};
process.send({ base });
