// Lint that fails the build: type-aware rules (no floating promises) and the layering rule that
// keeps src/domain and src/app free of channel, LLM and database SDKs.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const sdkImports = {
  patterns: [
    {
      group: [
        "botbuilder*",
        "botframework-*",
        "@slack/*",
        "openai",
        "openai/*",
        "mongodb",
        "better-sqlite3",
        "restify*",
      ],
      message: "domain/ and app/ stay free of SDKs: use a port.",
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      "dist/**",
      "node_modules/**",
      "data/**",
      "coverage/**",
      "test-artifacts/**",
      "src/adapters/channels/webchat/public/**",
      "src/http/dashboard-page/**",
      "vendor/**",
      "jest.config.js",
      "eslint.config.mjs",
      "scripts/ferretdb-wrapper/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/restrict-template-expressions": [
        "error",
        { allowNumber: true, allowBoolean: true, allowNullish: true },
      ],
    },
  },
  { files: ["src/domain/**", "src/app/**"], rules: { "no-restricted-imports": ["error", sdkImports] } },
  {
    files: ["test/**", "bench/**"],
    rules: {
      // Tests read loosely typed JSON from fake servers and SDK payloads.
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/unbound-method": "off",
      "@typescript-eslint/require-await": "off",
    },
  },
);
