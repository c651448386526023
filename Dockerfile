# watchplane server image. better-sqlite3 compiles from source, so the build stage carries a toolchain.
FROM node:20-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json tsup.config.ts ./
COPY src ./src
COPY migrations ./migrations
COPY bin ./bin
# the build writes the built-in kinds' schemas beside the bundle with this script
COPY scripts/write-prebuilt-schemas.ts ./scripts/
# npm ci runs `prepare`, which bundles src/ into dist/ (tsup; tsc writes the .d.ts) with the dev dependencies; then drop them.
RUN npm ci --no-audit --no-fund && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
COPY --from=build /app /app
ENV WATCHPLANE_ADDRESS=0.0.0.0 WATCHPLANE_DATA_DIR=/data
RUN mkdir /data && chown node:node /data
VOLUME /data
EXPOSE 6443
USER node
ENTRYPOINT ["node", "bin/watchplane.js"]
