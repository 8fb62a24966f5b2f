#!/usr/bin/env bash
# The pull-request recipe of azure-access, in steps a CI system runs one after another, with the
# SARIF upload (a step of the CI system itself) between `prepare` and `gate`:
#
#   prepare          synthesize the head (errors recorded, not thrown, so they reach SARIF), write
#                    the SARIF, synthesize the base branch, write the diff comment
#   comment-github   post or update the pull-request comment through `gh api`
#   comment-azure-devops   the same through the Azure DevOps pull-request threads API (curl)
#   gate             fail on error findings (`check --fail-on`) or on access that widens
#                    (`diff --fail-on-escalation`); runs after the upload, so findings are visible
#
# Settings come from the environment (the GitHub Action and the Azure Pipelines template map
# their inputs onto these):
#   AZURE_ACCESS_WORKING_DIRECTORY  the app's directory (default .)
#   AZURE_ACCESS_SYNTH_COMMAND      how the app synthesizes (default `cdktf.json`: run the `app`
#                                   command that cdktf.json names, as `cdktf synth` runs it, so
#                                   cdktf-cli need not be installed; empty: the output is already
#                                   there; anything else: run as written)
#   AZURE_ACCESS_INSTALL_COMMAND    run in the base checkout before its synth (default `npm ci`;
#                                   empty: nothing)
#   AZURE_ACCESS_OUTPUT             what synth writes, relative to the working directory
#                                   (default cdktf.out)
#   AZURE_ACCESS_BASE_REF           the branch to compare with (default: GITHUB_BASE_REF or
#                                   SYSTEM_PULLREQUEST_TARGETBRANCH)
#   AZURE_ACCESS_BASE_OUTPUT        an existing synthesis of the base; skips the base checkout
#   AZURE_ACCESS_FAIL_ON            error | warning | never (default error)
#   AZURE_ACCESS_GATE               strict | standard | relaxed: how strict `diff --fail-on-escalation`
#                                   is (default standard; the README's table "What fails the gate")
#   AZURE_ACCESS_CHECK_OPTIONS      more `check` options, split on spaces (`--config access.json`)
#   AZURE_ACCESS_COMMAND            how to run the command (default `npx --no-install azure-access`)
#   AZURE_ACCESS_PLATFORM           github | azure-devops (default: azure-devops under TF_BUILD)
#   AZURE_ACCESS_RESULTS_DIR        where the steps leave their results for the next ones
#   AZURE_ACCESS_PR_NUMBER          the pull request (GitHub; Azure DevOps has its own variable)
set -euo pipefail

readonly MARKER='<!-- azure-access-diff -->'

working_directory="${AZURE_ACCESS_WORKING_DIRECTORY:-.}"
synth_command="${AZURE_ACCESS_SYNTH_COMMAND-cdktf.json}"
install_command="${AZURE_ACCESS_INSTALL_COMMAND-npm ci}"
output="${AZURE_ACCESS_OUTPUT:-cdktf.out}"
fail_on="${AZURE_ACCESS_FAIL_ON:-error}"
gate_level="${AZURE_ACCESS_GATE:-standard}"
read -r -a check_options <<<"${AZURE_ACCESS_CHECK_OPTIONS:-}"
azure_access_command="${AZURE_ACCESS_COMMAND:-npx --no-install azure-access}"
if [[ -n "${AZURE_ACCESS_PLATFORM:-}" ]]; then
  platform="$AZURE_ACCESS_PLATFORM"
elif [[ "${TF_BUILD:-}" == "True" ]]; then
  platform="azure-devops"
else
  platform="github"
fi
results="${AZURE_ACCESS_RESULTS_DIR:-${RUNNER_TEMP:-${AGENT_TEMPDIRECTORY:-${TMPDIR:-/tmp}}}/azure-access}"

log() { printf 'azure-access-pr: %s\n' "$*" >&2; }
fail() { log "$*"; exit 2; }

# The command is a shell word list ("npx --no-install azure-access", "node lib/cli/main.js"),
# so it runs through bash with the arguments passed on intact.
azure_access() { bash -c "${azure_access_command} \"\$@\"" azure-access "$@"; }

# Every command appends its result to the step summary: the gate's check and diff go there once;
# the other runs must not append to it.
azure_access_quiet() { env -u GITHUB_STEP_SUMMARY bash -c "${azure_access_command} \"\$@\"" azure-access "$@"; }

absolute() { (cd "$1" && pwd -P); }

# This script's own version: the package it ships in (node_modules/cdktf-azure-access/ci/).
readonly SCRIPT_PACKAGE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/package.json"

# The script and the command must come from one installed version: the steps of one version
# read the outputs of that version (a comment marker, the results directory, the exit codes).
# A source checkout says 0.0.0 (projen writes it back on every run): nothing to compare with.
check_versions() {
  local script_version command_version
  script_version="$(node -p 'require(process.argv[1]).version' "$SCRIPT_PACKAGE" 2>/dev/null || true)"
  command_version="$(azure_access_quiet --version 2>/dev/null)" \
    || fail "cannot run azure-access ($azure_access_command) in $(pwd): install cdktf-azure-access in the app (npm install --save-dev cdktf-azure-access), or set azure-access-command"
  if [[ -n "$script_version" && "$script_version" != "0.0.0" && "$command_version" != "$script_version" ]]; then
    fail "this script is cdktf-azure-access $script_version but the command ($azure_access_command) is $command_version: run both from the app's installed package (node_modules/cdktf-azure-access/ci/azure-access-pr.sh)"
  fi
}

# Synthesizes the app in the current directory. `cdktf.json` runs its `app` command the way
# `cdktf synth` does (the output directory in CDKTF_OUTDIR, cdktf.json's context in
# CDKTF_CONTEXT_JSON), so nothing beyond the app's own dependencies is needed.
synthesize() {
  if [[ "$synth_command" != "cdktf.json" ]]; then
    bash -c "$synth_command"
    return
  fi
  [[ -f cdktf.json ]] || fail "no cdktf.json in $(pwd): set synth-command (AZURE_ACCESS_SYNTH_COMMAND) to how the app synthesizes, or to empty when an earlier step did"
  local app context
  app="$(node -e '
    const config = JSON.parse(require("fs").readFileSync("cdktf.json", "utf8"));
    process.stdout.write(typeof config.app === "string" ? config.app : "");
  ')" || fail "cdktf.json in $(pwd) is not JSON"
  [[ -n "$app" ]] || fail "cdktf.json in $(pwd) names no app command (\"app\": \"npx ts-node main.ts\"): set synth-command instead"
  context="$(node -e '
    const config = JSON.parse(require("fs").readFileSync("cdktf.json", "utf8"));
    process.stdout.write(JSON.stringify(config.context ?? {}));
  ')"
  CDKTF_OUTDIR="$output" CDKTF_CONTEXT_JSON="${CDKTF_CONTEXT_JSON:-$context}" bash -c "$app"
}

# A link to the run, named in the comment when sections are left out to stay under the size limit.
full_report_url() {
  if [[ -n "${GITHUB_RUN_ID:-}" && -n "${GITHUB_REPOSITORY:-}" ]]; then
    printf '%s/%s/actions/runs/%s' "${GITHUB_SERVER_URL:-https://github.com}" "$GITHUB_REPOSITORY" "$GITHUB_RUN_ID"
  elif [[ -n "${BUILD_BUILDID:-}" && -n "${SYSTEM_COLLECTIONURI:-}" && -n "${SYSTEM_TEAMPROJECT:-}" ]]; then
    printf '%s%s/_build/results?buildId=%s' "$SYSTEM_COLLECTIONURI" "$SYSTEM_TEAMPROJECT" "$BUILD_BUILDID"
  fi
}

# Tells the CI system where the SARIF is, as soon as it exists, so the upload step runs even when
# a later part of `prepare` fails.
announce_sarif() {
  local sarif="$1"
  if [[ -n "${GITHUB_OUTPUT:-}" ]]; then printf 'sarif=%s\n' "$sarif" >>"$GITHUB_OUTPUT"; fi
  if [[ "${TF_BUILD:-}" == "True" ]]; then printf '##vso[task.setvariable variable=AZURE_ACCESS_SARIF]%s\n' "$sarif"; fi
}

# A commit for the base branch: the remote branch when it is there, a local one (or any commit
# name) otherwise, else fetched; a shallow clone of a pull request has none of them yet.
resolve_base() {
  local ref="${1#refs/heads/}"
  local candidate
  for candidate in "origin/$ref" "$ref"; do
    if git rev-parse --verify --quiet "$candidate^{commit}" >/dev/null; then
      git rev-parse "$candidate^{commit}"
      return
    fi
  done
  log "fetching $ref from origin"
  git fetch --quiet --no-tags --depth=1 origin "refs/heads/$ref" >&2 || fail "the base branch $ref is neither here nor on origin"
  git rev-parse 'FETCH_HEAD^{commit}'
}

synthesize_base() {
  local base_ref="$1"
  local prefix commit tree
  prefix="$(git rev-parse --show-prefix)"
  commit="$(resolve_base "$base_ref")"
  tree="$results/base"
  if [[ -e "$tree" ]]; then git worktree remove --force "$tree" >/dev/null 2>&1 || rm -rf "$tree"; fi
  git worktree prune
  git worktree add --quiet --detach "$tree" "$commit" >&2
  log "synthesizing the base ($base_ref at ${commit:0:12})"
  (
    cd "$tree/$prefix"
    if [[ -n "$install_command" ]]; then bash -c "$install_command" >&2; fi
    # The base may hold errors of its own (or a suppression that has since expired): recorded,
    # they leave a synthesis to compare with instead of failing the comparison.
    AZURE_ACCESS_GUARD=record synthesize >&2
  )
  printf '%s' "$tree/$prefix$output"
}

prepare() {
  mkdir -p "$results"
  rm -f "$results/comment.md" "$results/comment-widens.md" "$results/base-output" "$results/head-output"
  cd "$working_directory"
  check_versions
  if [[ -n "$synth_command" ]]; then
    log "synthesizing the head, errors recorded for check"
    AZURE_ACCESS_GUARD=record AZURE_ACCESS_SOURCE_LOCATIONS=1 synthesize >&2
  fi
  [[ -e "$output" ]] || fail "$output does not exist in $working_directory after synth"
  printf '%s' "$(absolute "$output")" >"$results/head-output"

  mkdir -p "$results/sarif"
  # --fail-on never: this step reports; `gate` fails the job after the upload.
  azure_access_quiet check "${check_options[@]}" --format sarif --fail-on never "$output" >"$results/sarif/azure-access.sarif"
  announce_sarif "$results/sarif/azure-access.sarif"

  local base_output
  if [[ -n "${AZURE_ACCESS_BASE_OUTPUT:-}" ]]; then
    base_output="$(absolute "$AZURE_ACCESS_BASE_OUTPUT")"
  else
    local base_ref="${AZURE_ACCESS_BASE_REF:-${GITHUB_BASE_REF:-${SYSTEM_PULLREQUEST_TARGETBRANCH:-}}}"
    [[ -n "$base_ref" ]] || fail "no base branch: set AZURE_ACCESS_BASE_REF (or AZURE_ACCESS_BASE_OUTPUT)"
    base_output="$(synthesize_base "$base_ref")"
  fi
  printf '%s' "$base_output" >"$results/base-output"

  local comment_options=(--format comment --platform "$platform")
  local url
  url="$(full_report_url)"
  if [[ -n "$url" ]]; then comment_options+=(--full-report "$url"); fi
  # Empty unless access widens: that decides whether a new comment is worth posting.
  azure_access_quiet diff "${comment_options[@]}" --only-if-widens "$base_output" "$output" >"$results/comment-widens.md"
  azure_access_quiet diff "${comment_options[@]}" "$base_output" "$output" >"$results/comment.md"
  if [[ -s "$results/comment-widens.md" ]]; then log "access widens"; else log "access does not widen"; fi
}

# What to write, or nothing: the diff when access widens; when it does not, a note over the diff
# that replaces what an earlier push posted, but only where there is such a comment to replace.
comment_body() {
  local existing="$1" body="$2"
  if [[ -s "$results/comment-widens.md" ]]; then
    cp "$results/comment-widens.md" "$body"
  elif [[ -n "$existing" ]]; then
    {
      printf '**Access no longer widens.** An earlier push of this pull request widened access; the latest one does not.\n\n'
      cat "$results/comment.md"
    } >"$body"
  else
    return 1
  fi
}

comment_github() {
  local repository="${GITHUB_REPOSITORY:?GITHUB_REPOSITORY is not set}"
  local pr="${AZURE_ACCESS_PR_NUMBER:?AZURE_ACCESS_PR_NUMBER is not set (the pull request number)}"
  [[ -s "$results/comment.md" ]] || fail "no comment in $results: run prepare first"
  # Every page at once (--slurp: an array of pages), so a long discussion cannot hide the comment.
  gh api --paginate --slurp "repos/$repository/issues/$pr/comments?per_page=100" >"$results/comments.json"
  local existing
  existing="$(node -e '
    const [file, marker] = process.argv.slice(1);
    const pages = JSON.parse(require("fs").readFileSync(file, "utf8"));
    const found = pages.flat().find((c) => typeof c.body === "string" && c.body.includes(marker));
    process.stdout.write(found ? String(found.id) : "");
  ' "$results/comments.json" "$MARKER")"
  local body="$results/comment-body.md"
  if ! comment_body "$existing" "$body"; then
    log "access does not widen and there is no earlier comment: nothing to post"
    return 0
  fi
  if [[ -n "$existing" ]]; then
    log "updating comment $existing"
    gh api --method PATCH "repos/$repository/issues/comments/$existing" -F "body=@$body" >/dev/null
  else
    log "posting a new comment"
    gh api --method POST "repos/$repository/issues/$pr/comments" -F "body=@$body" >/dev/null
  fi
}

comment_azure_devops() {
  : "${SYSTEM_ACCESSTOKEN:?SYSTEM_ACCESSTOKEN is not set: map it with env: SYSTEM_ACCESSTOKEN: \$(System.AccessToken)}"
  local collection="${SYSTEM_COLLECTIONURI:?SYSTEM_COLLECTIONURI is not set}"
  local project="${SYSTEM_TEAMPROJECTID:?SYSTEM_TEAMPROJECTID is not set}"
  local repository="${BUILD_REPOSITORY_ID:?BUILD_REPOSITORY_ID is not set}"
  local pr="${SYSTEM_PULLREQUEST_PULLREQUESTID:?SYSTEM_PULLREQUEST_PULLREQUESTID is not set (not a pull-request build)}"
  [[ -s "$results/comment.md" ]] || fail "no comment in $results: run prepare first"
  local api="${collection%/}/$project/_apis/git/repositories/$repository/pullRequests/$pr"
  local version="api-version=7.1"
  # The token goes in a header file, never on a command line other processes can read.
  # A global: the exit trap runs after this function's locals are gone.
  authorization_header="$results/authorization-header"
  trap 'rm -f "$authorization_header"' EXIT
  (umask 077 && printf 'Authorization: Bearer %s\n' "$SYSTEM_ACCESSTOKEN" >"$authorization_header")
  devops() { curl --silent --show-error --fail-with-body --header "@$authorization_header" --header 'Content-Type: application/json' "$@"; }

  devops "$api/threads?$version" >"$results/threads.json"
  local existing
  existing="$(node -e '
    const [file, marker] = process.argv.slice(1);
    const threads = JSON.parse(require("fs").readFileSync(file, "utf8")).value ?? [];
    for (const thread of threads) {
      if (thread.isDeleted) continue;
      const comment = (thread.comments ?? []).find((c) => !c.isDeleted && typeof c.content === "string" && c.content.includes(marker));
      if (comment) { process.stdout.write(`${thread.id} ${comment.id}`); break; }
    }
  ' "$results/threads.json" "$MARKER")"
  local body="$results/comment-body.md"
  if ! comment_body "$existing" "$body"; then
    log "access does not widen and there is no earlier comment: nothing to post"
    return 0
  fi
  # Thread status 1 is active, 2 fixed: a thread that no longer widens access stops blocking a
  # "resolve all comments" branch policy, and becomes active again when access widens again.
  local status=2
  if [[ -s "$results/comment-widens.md" ]]; then status=1; fi
  local request="$results/request.json"
  if [[ -n "$existing" ]]; then
    local thread="${existing% *}" comment="${existing#* }"
    log "updating thread $thread, comment $comment"
    node -e 'const fs = require("fs"); const [body, out] = process.argv.slice(1);
      fs.writeFileSync(out, JSON.stringify({ content: fs.readFileSync(body, "utf8") }));' "$body" "$request"
    devops --request PATCH --data-binary "@$request" "$api/threads/$thread/comments/$comment?$version" >/dev/null
    node -e 'const [status, out] = process.argv.slice(1);
      require("fs").writeFileSync(out, JSON.stringify({ status: Number(status) }));' "$status" "$request"
    devops --request PATCH --data-binary "@$request" "$api/threads/$thread?$version" >/dev/null
  else
    log "posting a new thread"
    node -e 'const fs = require("fs"); const [body, out] = process.argv.slice(1);
      fs.writeFileSync(out, JSON.stringify({ comments: [{ parentCommentId: 0, content: fs.readFileSync(body, "utf8"), commentType: 1 }], status: 1 }));' "$body" "$request"
    devops --request POST --data-binary "@$request" "$api/threads?$version" >/dev/null
  fi
}

gate() {
  [[ -s "$results/head-output" && -s "$results/base-output" ]] || fail "no synthesis recorded in $results: run prepare first"
  local head_output base_output
  head_output="$(cat "$results/head-output")"
  base_output="$(cat "$results/base-output")"
  cd "$working_directory"
  local findings=0 widens=0
  # To the log and, on GitHub, to the job summary: the findings, then the diff's markdown.
  azure_access check "${check_options[@]}" --fail-on "$fail_on" "$head_output" || findings=$?
  azure_access diff --fail-on-escalation --gate "$gate_level" "$base_output" "$head_output" || widens=$?
  if [[ -d "$results/base" ]]; then git worktree remove --force "$results/base" >/dev/null 2>&1 || true; fi
  if ((findings > 1 || widens > 1)); then fail "azure-access could not finish (exit 2 above)"; fi
  if ((findings == 1)); then log "failing: findings at or above --fail-on $fail_on"; fi
  if ((widens == 1)); then log "failing: the $gate_level escalation gate fails (the diff above says why)"; fi
  if ((findings == 1 || widens == 1)); then exit 1; fi
}

case "${1:-}" in
  prepare) prepare ;;
  comment-github) comment_github ;;
  comment-azure-devops) comment_azure_devops ;;
  gate) gate ;;
  *) fail "usage: $0 prepare | comment-github | comment-azure-devops | gate" ;;
esac
