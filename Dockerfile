# syntax=docker/dockerfile:1
# PromptForge container image. Three stages: `build` compiles the server (tsc) and the web app (Vite,
# both in `npm run build`) with every dependency; `prod-deps` installs production dependencies only; `runtime` copies the
# results onto a clean Node image and runs as the unprivileged `node` user.
#   docker build --build-arg GIT_COMMIT=$(git rev-parse HEAD) -t promptforge .
ARG NODE_VERSION=20

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary matches the platform.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# Scripts are off so `prepare` (a build) does not run before the sources are here; better-sqlite3's
# own install script is then run on its own.
RUN npm ci --ignore-scripts --no-audit --no-fund && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY bench ./bench
COPY bin ./bin
COPY packages ./packages
COPY web ./web
RUN npm run build

FROM node:${NODE_VERSION}-bookworm-slim AS prod-deps
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm rebuild better-sqlite3 \
 && npm cache clean --force

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ARG GIT_COMMIT=""
ENV NODE_ENV=production \
    PORT=8000 \
    HOST=0.0.0.0 \
    DATA_DIR=/data \
    LOG_FORMAT=json \
    GIT_COMMIT=${GIT_COMMIT}
WORKDIR /app
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
COPY --from=build /app/bin ./bin
# Read at run time next to the compiled code's source location (see src/features/auth/passwords.ts).
COPY src/features/auth/common-passwords.txt ./src/features/auth/common-passwords.txt
COPY package.json ./
# The embedded SQLite database (when DATABASE_URL is not set) lives in the /data volume.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8000
# Liveness only (no dependency check), with Node itself: the slim image has no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8000)+'/health/live').then((r)=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# A young generation of 16 MiB instead of V8's 32 (docs/performance.md#memory): about 20 MiB less resident.
CMD ["node", "--max-semi-space-size=8", "--no-regexp-tier-up", "dist/src/server.js"]
