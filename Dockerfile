# syntax=docker/dockerfile:1
#
# Guest Journey image: built with the Maven wrapper, run on a JRE as a non-root user.
#   docker build -t guest-journey .     (or: docker compose up --build)

# ---- build ------------------------------------------------------------------------------------
FROM eclipse-temurin:21-jdk AS build
WORKDIR /workspace

COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY src/ src/
COPY bpmn/ bpmn/
# forms/ may be missing (an empty folder is not kept by git); the wildcard copies it when it exists
# and is skipped otherwise (BuildKit, the builder of docker compose), and Maven ignores a missing
# resource folder
COPY form[s] forms/

# the cache mount keeps the Maven distribution and dependencies between builds
RUN --mount=type=cache,target=/root/.m2 \
    chmod +x mvnw \
    && ./mvnw -B -DskipTests -Dspotless.check.skip=true package \
    && cp target/guest-journey-*.jar /workspace/app.jar

# ---- runtime ----------------------------------------------------------------------------------
FROM eclipse-temurin:21-jre
RUN groupadd --system guestjourney \
    && useradd --system --gid guestjourney --home-dir /app --no-create-home guestjourney
WORKDIR /app
COPY --from=build --chown=guestjourney:guestjourney /workspace/app.jar /app/app.jar
USER guestjourney
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
