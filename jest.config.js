/** Jest runs TypeScript through SWC (fast); `tsc --noEmit` does the type checking before it. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.(t|j)sx?$": ["@swc/jest", { jsc: { target: "es2022" } }] },
  // openid-client and its two dependencies are ES modules only: SWC turns them into CommonJS for Jest
  // (Node itself loads them with require(esm), on by default since 20.19).
  transformIgnorePatterns: ["/node_modules/(?!(openid-client|oauth4webapi|jose)/)"],
  setupFiles: ["<rootDir>/test/setup/block-network.ts"],
  globalSetup: "<rootDir>/test/setup/global-setup.ts",
  globalTeardown: "<rootDir>/test/setup/global-teardown.ts",
  testTimeout: 30000,
  maxWorkers: 2,
};
