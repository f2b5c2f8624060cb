"use strict";
// restify 11 does `require("spdy")` at load time but only calls it when a server is created with
// `options.spdy`, which this project never does. The real spdy pulls in http-deceiver, whose
// `process.binding("http_parser")` no longer exists on Node 24, so restify could not even load there.
// See vendor/README.md.
function notUsed() {
  throw new Error("SPDY is not supported by the clinician feedback bot (vendor/spdy-not-used).");
}
module.exports = { createServer: notUsed, createAgent: notUsed, Agent: notUsed, Server: notUsed };
