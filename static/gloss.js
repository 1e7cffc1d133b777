// gloss: progressive enhancement for notes. The page works without this file.
(function () {
  "use strict";
})();
