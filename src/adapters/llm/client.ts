/**
 * One OpenAI SDK client from the environment: OpenAI or any OpenAI-compatible server (Ollama,
 * vLLM, a gateway) through OPENAI_BASE_URL, or Azure OpenAI through its deployment URL.
 * Shared by the classifier and the digest narrator. The SDK retries 408/409/429/5xx and
 * connection errors itself, with back-off, up to LLM_MAX_RETRIES times.
 */
import OpenAI, { AzureOpenAI } from "openai";
import type { Env } from "../../config/env";
import { llmConfigured } from "./llm-configured";

export interface LlmClient {
  client: OpenAI;
  /** Model name sent with each request (for Azure: the deployment name). */
  model: string;
  /** Where requests go, for logs and health pages. Never contains a key. */
  describe: string;
  timeoutMs: number;
}

export type LlmEnv = Pick<
  Env,
  | "OPENAI_API_KEY"
  | "OPENAI_BASE_URL"
  | "OPENAI_MODEL"
  | "AZURE_OPENAI_ENDPOINT"
  | "AZURE_OPENAI_API_KEY"
  | "AZURE_OPENAI_DEPLOYMENT"
  | "AZURE_OPENAI_API_VERSION"
  | "LLM_TIMEOUT_MS"
  | "LLM_MAX_RETRIES"
>;

const OPENAI_DEFAULT_BASE_URL = "https://api.openai.com/v1";
/** Local servers (Ollama, vLLM) ignore the key, but the SDK insists on one. */
const PLACEHOLDER_KEY = "no-key-needed";

/** Returns null when no LLM is configured (the offline classifier then does the work). */
export function createLlmClient(env: LlmEnv): LlmClient | null {
  const common = {
    timeout: env.LLM_TIMEOUT_MS,
    maxRetries: env.LLM_MAX_RETRIES,
    organization: null,
    project: null,
  };
  if (env.AZURE_OPENAI_ENDPOINT) {
    const deployment = env.AZURE_OPENAI_DEPLOYMENT ?? "";
    // baseURL rather than endpoint, so the SDK reads nothing from process.env.
    const client = new AzureOpenAI({
      ...common,
      baseURL: `${env.AZURE_OPENAI_ENDPOINT.replace(/\/+$/, "")}/openai`,
      apiKey: env.AZURE_OPENAI_API_KEY ?? "",
      deployment,
      apiVersion: env.AZURE_OPENAI_API_VERSION,
    });
    return {
      client,
      model: deployment,
      describe: `Azure OpenAI ${safeOrigin(env.AZURE_OPENAI_ENDPOINT)} deployment ${deployment} (api-version ${env.AZURE_OPENAI_API_VERSION})`,
      timeoutMs: env.LLM_TIMEOUT_MS,
    };
  }
  if (!llmConfigured(env)) return null;
  const baseURL = env.OPENAI_BASE_URL ?? OPENAI_DEFAULT_BASE_URL;
  const client = new OpenAI({ ...common, baseURL, apiKey: env.OPENAI_API_KEY ?? PLACEHOLDER_KEY });
  return {
    client,
    model: env.OPENAI_MODEL,
    describe: `OpenAI-compatible ${safeOrigin(baseURL)} model ${env.OPENAI_MODEL}`,
    timeoutMs: env.LLM_TIMEOUT_MS,
  };
}

/** Scheme, host and path of a URL without user info or query (which could carry credentials). */
function safeOrigin(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname.replace(/\/$/, "")}`;
  } catch {
    return "(invalid URL)";
  }
}
