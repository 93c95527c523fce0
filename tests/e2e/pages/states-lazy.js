// Imports the package and calls it at once, while this module evaluates.
import * as Ave from "/pkg/index.js";
import { callFromQuery } from "/e2e/states-call.js";

callFromQuery(Ave, "module");
