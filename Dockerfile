# The app image: API + web (server/cli/start.ts) or workers only (server/cli/worker.ts).
# Neo4j and Redis are separate services in docker-compose.yml, so the image needs no Java.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production NEO4J_MANAGED=false REDIS_MANAGED=false HOST=0.0.0.0
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY . .
RUN npx vite build
EXPOSE 3000
CMD ["npx", "tsx", "server/cli/start.ts"]
