# syntax=docker/dockerfile:1
# Clinician feedback bot: build once, run the compiled JavaScript as an unprivileged user.
#   docker build -t clinician-feedback-bot .
#   docker run --rm -p 127.0.0.1:3978:3978 -e ALLOW_UNAUTHENTICATED_BIND=true clinician-feedback-bot
# Node 24 LTS; the same base image in both stages, so better-sqlite3's native module matches.
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# restify 11 on Node 24 needs a stand-in for spdy, installed from here (see vendor/README.md).
COPY vendor vendor
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/build.ts scripts/
COPY src src
RUN npm run build && npm prune --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3978 \
    DATA_DIR=/data \
    LOG_FORMAT=json
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY prompts prompts
# The embedded store (used when MONGODB_URI is unset) writes to /data, owned by the unprivileged user (uid 1000).
RUN mkdir -p /data && chown 1000:1000 /data
# 1000 is the image's unprivileged "node" user.
USER 1000:1000
VOLUME ["/data"]
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3978)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# V8's heaps held to what the service needs (live heap about 60 MB idle, 100 MB under load): without
# the limits V8 lets garbage pile up to 300 MB before it collects (RSS 370 MB after the load bench,
# 280 MB with them; npm run start:prod uses the same flags). Raise them here if a deployment needs more.
CMD ["node", "--no-deprecation", "--max-old-space-size=192", "--max-semi-space-size=8", "dist/main.js"]
