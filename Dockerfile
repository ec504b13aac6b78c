# syntax=docker/dockerfile:1
# The PoseOps console. Build from the repository root:  docker build -t poseops .
# Run (local mode, data in a volume):  docker run -p 8080:8080 -e POSEOPS_ADMIN_PASSWORD=... -v poseops-data:/data poseops
# aws mode: -e POSEOPS_MODE=aws -e AWS_REGION=... plus credentials from the default chain (task role, env, ...).

# JDK 25: the inference engine's TurboJPEG binding (FFM API) is compiled for Java 22+ (decision 0041).
FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
# curl for .ci/node24.sh (Node 24 for the frontend build comes from the npm registry).
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends curl ca-certificates && rm -rf /var/lib/apt/lists/*
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY .ci/node24.sh .ci/node24.sh
COPY src/ src/
COPY inference/ inference/
COPY config.yml ./
RUN --mount=type=cache,target=/root/.m2 --mount=type=cache,target=/root/.cache/poseops \
    ./mvnw -B -ntp package -DskipTests && cp target/poseops.jar /poseops.jar

# libturbojpeg0: the native JPEG decoder of the embedded inference engine (evaluation); ImageIO is the fallback.
FROM eclipse-temurin:25-jre
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends curl libturbojpeg0 && rm -rf /var/lib/apt/lists/* \
    && groupadd --system poseops && useradd --system --gid poseops --home-dir /app --shell /usr/sbin/nologin poseops \
    && mkdir -p /app /data && chown poseops:poseops /app /data
WORKDIR /app
COPY --from=build --chown=poseops:poseops /poseops.jar /app/poseops.jar
USER poseops
ENV POSEOPS_DATA_DIR=/data \
    JAVA_TOOL_OPTIONS="--enable-native-access=ALL-UNNAMED -XX:MaxRAMPercentage=60"
VOLUME /data
EXPOSE 8080
# Start-up takes ~10 s (DynamoDB Local and the local endpoint start as child processes in local mode).
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/actuator/health || exit 1
ENTRYPOINT ["java", "-jar", "/app/poseops.jar"]
