import { type Case, def, type Probe, type RouteSet } from './routes.js'

// A GitHub REST API route set (public endpoint list, v3 plus later areas), written for this bench.
// Capture names agree at each position, since several peers require that.
const lines = `
GET /
GET /authorizations
POST /authorizations
GET /authorizations/:id
PATCH /authorizations/:id
DELETE /authorizations/:id
GET /applications/:client_id/tokens/:access_token
DELETE /applications/:client_id/tokens/:access_token
GET /app
GET /app/installations
GET /app/installations/:id
DELETE /app/installations/:id
POST /app/installations/:id/access_tokens
GET /events
GET /feeds
GET /notifications
PUT /notifications
GET /notifications/threads/:id
PATCH /notifications/threads/:id
GET /notifications/threads/:id/subscription
PUT /notifications/threads/:id/subscription
DELETE /notifications/threads/:id/subscription
GET /networks/:owner/:repo/events
GET /gists
POST /gists
GET /gists/public
GET /gists/starred
GET /gists/:id
PATCH /gists/:id
DELETE /gists/:id
GET /gists/:id/commits
GET /gists/:id/forks
POST /gists/:id/forks
GET /gists/:id/star
PUT /gists/:id/star
DELETE /gists/:id/star
GET /gists/:id/comments
POST /gists/:id/comments
GET /gists/:id/comments/:comment_id
PATCH /gists/:id/comments/:comment_id
DELETE /gists/:id/comments/:comment_id
GET /gitignore/templates
GET /gitignore/templates/:name
GET /licenses
GET /licenses/:license
POST /markdown
POST /markdown/raw
GET /meta
GET /rate_limit
GET /emojis
GET /issues
GET /repositories
GET /search/repositories
GET /search/code
GET /search/commits
GET /search/issues
GET /search/users
GET /search/topics
GET /search/labels
GET /legacy/issues/search/:owner/:repo/:state/:keyword
GET /legacy/repos/search/:keyword
GET /legacy/user/search/:keyword
GET /legacy/user/email/:email
GET /user
PATCH /user
GET /user/emails
POST /user/emails
DELETE /user/emails
GET /user/followers
GET /user/following
GET /user/following/:user
PUT /user/following/:user
DELETE /user/following/:user
GET /user/keys
POST /user/keys
GET /user/keys/:id
DELETE /user/keys/:id
GET /user/gpg_keys
POST /user/gpg_keys
GET /user/gpg_keys/:id
DELETE /user/gpg_keys/:id
GET /user/issues
GET /user/orgs
GET /user/repos
POST /user/repos
GET /user/teams
GET /user/installations
GET /user/installations/:id/repositories
GET /user/starred
GET /user/starred/:owner/:repo
PUT /user/starred/:owner/:repo
DELETE /user/starred/:owner/:repo
GET /user/subscriptions
GET /user/subscriptions/:owner/:repo
PUT /user/subscriptions/:owner/:repo
DELETE /user/subscriptions/:owner/:repo
GET /user/migrations
POST /user/migrations
GET /user/migrations/:id
GET /user/memberships/orgs
GET /user/memberships/orgs/:org
PATCH /user/memberships/orgs/:org
GET /users
GET /users/:user
GET /users/:user/events
GET /users/:user/events/public
GET /users/:user/events/orgs/:org
GET /users/:user/received_events
GET /users/:user/received_events/public
GET /users/:user/followers
GET /users/:user/following
GET /users/:user/following/:target
GET /users/:user/gists
GET /users/:user/keys
GET /users/:user/gpg_keys
GET /users/:user/orgs
GET /users/:user/repos
GET /users/:user/starred
GET /users/:user/subscriptions
GET /users/:user/packages
GET /users/:user/projects
GET /orgs/:org
PATCH /orgs/:org
GET /orgs/:org/events
GET /orgs/:org/issues
GET /orgs/:org/members
GET /orgs/:org/members/:user
DELETE /orgs/:org/members/:user
GET /orgs/:org/memberships/:user
PUT /orgs/:org/memberships/:user
DELETE /orgs/:org/memberships/:user
GET /orgs/:org/public_members
GET /orgs/:org/public_members/:user
PUT /orgs/:org/public_members/:user
DELETE /orgs/:org/public_members/:user
GET /orgs/:org/outside_collaborators
GET /orgs/:org/teams
POST /orgs/:org/teams
GET /orgs/:org/repos
POST /orgs/:org/repos
GET /orgs/:org/hooks
POST /orgs/:org/hooks
GET /orgs/:org/hooks/:id
PATCH /orgs/:org/hooks/:id
DELETE /orgs/:org/hooks/:id
POST /orgs/:org/hooks/:id/pings
GET /orgs/:org/projects
POST /orgs/:org/projects
GET /orgs/:org/migrations
POST /orgs/:org/migrations
GET /orgs/:org/actions/secrets
GET /orgs/:org/actions/secrets/:name
PUT /orgs/:org/actions/secrets/:name
DELETE /orgs/:org/actions/secrets/:name
GET /orgs/:org/actions/runners
GET /orgs/:org/installations
GET /teams/:id
PATCH /teams/:id
DELETE /teams/:id
GET /teams/:id/members
GET /teams/:id/members/:user
GET /teams/:id/memberships/:user
PUT /teams/:id/memberships/:user
DELETE /teams/:id/memberships/:user
GET /teams/:id/repos
GET /teams/:id/repos/:owner/:repo
PUT /teams/:id/repos/:owner/:repo
DELETE /teams/:id/repos/:owner/:repo
GET /teams/:id/teams
GET /projects/:id
PATCH /projects/:id
DELETE /projects/:id
GET /projects/:id/columns
POST /projects/:id/columns
GET /projects/columns/:column_id
PATCH /projects/columns/:column_id
DELETE /projects/columns/:column_id
POST /projects/columns/:column_id/moves
GET /projects/columns/:column_id/cards
POST /projects/columns/:column_id/cards
GET /projects/columns/cards/:card_id
PATCH /projects/columns/cards/:card_id
DELETE /projects/columns/cards/:card_id
POST /repos/:owner/:repo/generate
GET /repos/:owner/:repo
PATCH /repos/:owner/:repo
DELETE /repos/:owner/:repo
GET /repos/:owner/:repo/contributors
GET /repos/:owner/:repo/languages
GET /repos/:owner/:repo/teams
GET /repos/:owner/:repo/tags
GET /repos/:owner/:repo/topics
PUT /repos/:owner/:repo/topics
GET /repos/:owner/:repo/events
GET /repos/:owner/:repo/notifications
PUT /repos/:owner/:repo/notifications
GET /repos/:owner/:repo/stargazers
GET /repos/:owner/:repo/subscribers
GET /repos/:owner/:repo/subscription
PUT /repos/:owner/:repo/subscription
DELETE /repos/:owner/:repo/subscription
GET /repos/:owner/:repo/forks
POST /repos/:owner/:repo/forks
GET /repos/:owner/:repo/readme
GET /repos/:owner/:repo/contents/*path
PUT /repos/:owner/:repo/contents/*path
DELETE /repos/:owner/:repo/contents/*path
GET /repos/:owner/:repo/branches
GET /repos/:owner/:repo/branches/:branch
GET /repos/:owner/:repo/branches/:branch/protection
PUT /repos/:owner/:repo/branches/:branch/protection
DELETE /repos/:owner/:repo/branches/:branch/protection
POST /repos/:owner/:repo/merges
GET /repos/:owner/:repo/collaborators
GET /repos/:owner/:repo/collaborators/:user
PUT /repos/:owner/:repo/collaborators/:user
DELETE /repos/:owner/:repo/collaborators/:user
GET /repos/:owner/:repo/collaborators/:user/permission
GET /repos/:owner/:repo/comments
GET /repos/:owner/:repo/comments/:id
PATCH /repos/:owner/:repo/comments/:id
DELETE /repos/:owner/:repo/comments/:id
GET /repos/:owner/:repo/commits
GET /repos/:owner/:repo/commits/:sha
GET /repos/:owner/:repo/commits/:sha/comments
POST /repos/:owner/:repo/commits/:sha/comments
GET /repos/:owner/:repo/commits/:sha/status
GET /repos/:owner/:repo/commits/:sha/statuses
GET /repos/:owner/:repo/commits/:sha/check-runs
GET /repos/:owner/:repo/commits/:sha/check-suites
GET /repos/:owner/:repo/compare/:basehead
POST /repos/:owner/:repo/statuses/:sha
POST /repos/:owner/:repo/check-runs
GET /repos/:owner/:repo/check-runs/:id
PATCH /repos/:owner/:repo/check-runs/:id
GET /repos/:owner/:repo/check-runs/:id/annotations
POST /repos/:owner/:repo/check-suites
GET /repos/:owner/:repo/check-suites/:id
POST /repos/:owner/:repo/check-suites/:id/rerequest
GET /repos/:owner/:repo/deployments
POST /repos/:owner/:repo/deployments
GET /repos/:owner/:repo/deployments/:id
DELETE /repos/:owner/:repo/deployments/:id
GET /repos/:owner/:repo/deployments/:id/statuses
POST /repos/:owner/:repo/deployments/:id/statuses
GET /repos/:owner/:repo/downloads
GET /repos/:owner/:repo/downloads/:id
DELETE /repos/:owner/:repo/downloads/:id
GET /repos/:owner/:repo/hooks
POST /repos/:owner/:repo/hooks
GET /repos/:owner/:repo/hooks/:id
PATCH /repos/:owner/:repo/hooks/:id
DELETE /repos/:owner/:repo/hooks/:id
POST /repos/:owner/:repo/hooks/:id/tests
POST /repos/:owner/:repo/hooks/:id/pings
GET /repos/:owner/:repo/keys
POST /repos/:owner/:repo/keys
GET /repos/:owner/:repo/keys/:id
DELETE /repos/:owner/:repo/keys/:id
GET /repos/:owner/:repo/pages
GET /repos/:owner/:repo/pages/builds
GET /repos/:owner/:repo/pages/builds/latest
GET /repos/:owner/:repo/pages/builds/:id
GET /repos/:owner/:repo/releases
POST /repos/:owner/:repo/releases
GET /repos/:owner/:repo/releases/latest
GET /repos/:owner/:repo/releases/tags/:tag
GET /repos/:owner/:repo/releases/:id
PATCH /repos/:owner/:repo/releases/:id
DELETE /repos/:owner/:repo/releases/:id
GET /repos/:owner/:repo/releases/:id/assets
GET /repos/:owner/:repo/releases/assets/:asset_id
PATCH /repos/:owner/:repo/releases/assets/:asset_id
DELETE /repos/:owner/:repo/releases/assets/:asset_id
GET /repos/:owner/:repo/stats/contributors
GET /repos/:owner/:repo/stats/commit_activity
GET /repos/:owner/:repo/stats/code_frequency
GET /repos/:owner/:repo/stats/participation
GET /repos/:owner/:repo/stats/punch_card
GET /repos/:owner/:repo/git/blobs/:sha
POST /repos/:owner/:repo/git/blobs
GET /repos/:owner/:repo/git/commits/:sha
POST /repos/:owner/:repo/git/commits
GET /repos/:owner/:repo/git/refs
POST /repos/:owner/:repo/git/refs
GET /repos/:owner/:repo/git/tags/:sha
POST /repos/:owner/:repo/git/tags
GET /repos/:owner/:repo/git/trees/:sha
POST /repos/:owner/:repo/git/trees
GET /repos/:owner/:repo/issues
POST /repos/:owner/:repo/issues
GET /repos/:owner/:repo/issues/comments
GET /repos/:owner/:repo/issues/comments/:id
PATCH /repos/:owner/:repo/issues/comments/:id
DELETE /repos/:owner/:repo/issues/comments/:id
GET /repos/:owner/:repo/issues/events
GET /repos/:owner/:repo/issues/events/:id
GET /repos/:owner/:repo/issues/:number
PATCH /repos/:owner/:repo/issues/:number
GET /repos/:owner/:repo/issues/:number/comments
POST /repos/:owner/:repo/issues/:number/comments
GET /repos/:owner/:repo/issues/:number/events
GET /repos/:owner/:repo/issues/:number/labels
POST /repos/:owner/:repo/issues/:number/labels
PUT /repos/:owner/:repo/issues/:number/labels
DELETE /repos/:owner/:repo/issues/:number/labels
DELETE /repos/:owner/:repo/issues/:number/labels/:name
PUT /repos/:owner/:repo/issues/:number/lock
DELETE /repos/:owner/:repo/issues/:number/lock
GET /repos/:owner/:repo/assignees
GET /repos/:owner/:repo/assignees/:assignee
GET /repos/:owner/:repo/labels
POST /repos/:owner/:repo/labels
GET /repos/:owner/:repo/labels/:name
PATCH /repos/:owner/:repo/labels/:name
DELETE /repos/:owner/:repo/labels/:name
GET /repos/:owner/:repo/milestones
POST /repos/:owner/:repo/milestones
GET /repos/:owner/:repo/milestones/:number
PATCH /repos/:owner/:repo/milestones/:number
DELETE /repos/:owner/:repo/milestones/:number
GET /repos/:owner/:repo/milestones/:number/labels
GET /repos/:owner/:repo/pulls
POST /repos/:owner/:repo/pulls
GET /repos/:owner/:repo/pulls/comments
GET /repos/:owner/:repo/pulls/comments/:id
PATCH /repos/:owner/:repo/pulls/comments/:id
DELETE /repos/:owner/:repo/pulls/comments/:id
GET /repos/:owner/:repo/pulls/:number
PATCH /repos/:owner/:repo/pulls/:number
GET /repos/:owner/:repo/pulls/:number/commits
GET /repos/:owner/:repo/pulls/:number/files
GET /repos/:owner/:repo/pulls/:number/merge
PUT /repos/:owner/:repo/pulls/:number/merge
GET /repos/:owner/:repo/pulls/:number/comments
POST /repos/:owner/:repo/pulls/:number/comments
GET /repos/:owner/:repo/pulls/:number/reviews
POST /repos/:owner/:repo/pulls/:number/reviews
GET /repos/:owner/:repo/pulls/:number/reviews/:review_id
GET /repos/:owner/:repo/pulls/:number/requested_reviewers
POST /repos/:owner/:repo/pulls/:number/requested_reviewers
GET /repos/:owner/:repo/projects
POST /repos/:owner/:repo/projects
GET /repos/:owner/:repo/actions/workflows
GET /repos/:owner/:repo/actions/workflows/:workflow_id
GET /repos/:owner/:repo/actions/workflows/:workflow_id/runs
POST /repos/:owner/:repo/actions/workflows/:workflow_id/dispatches
PUT /repos/:owner/:repo/actions/workflows/:workflow_id/enable
PUT /repos/:owner/:repo/actions/workflows/:workflow_id/disable
GET /repos/:owner/:repo/actions/runs
GET /repos/:owner/:repo/actions/runs/:run_id
DELETE /repos/:owner/:repo/actions/runs/:run_id
GET /repos/:owner/:repo/actions/runs/:run_id/jobs
GET /repos/:owner/:repo/actions/runs/:run_id/logs
POST /repos/:owner/:repo/actions/runs/:run_id/cancel
POST /repos/:owner/:repo/actions/runs/:run_id/rerun
GET /repos/:owner/:repo/actions/runs/:run_id/artifacts
GET /repos/:owner/:repo/actions/jobs/:job_id
GET /repos/:owner/:repo/actions/jobs/:job_id/logs
GET /repos/:owner/:repo/actions/artifacts
GET /repos/:owner/:repo/actions/artifacts/:artifact_id
DELETE /repos/:owner/:repo/actions/artifacts/:artifact_id
GET /repos/:owner/:repo/actions/secrets
GET /repos/:owner/:repo/actions/secrets/public-key
GET /repos/:owner/:repo/actions/secrets/:name
PUT /repos/:owner/:repo/actions/secrets/:name
DELETE /repos/:owner/:repo/actions/secrets/:name
GET /repos/:owner/:repo/actions/runners
GET /repos/:owner/:repo/actions/runners/:runner_id
DELETE /repos/:owner/:repo/actions/runners/:runner_id
GET /repos/:owner/:repo/code-scanning/alerts
GET /repos/:owner/:repo/code-scanning/alerts/:alert_number
PATCH /repos/:owner/:repo/code-scanning/alerts/:alert_number
GET /repos/:owner/:repo/dependabot/alerts
GET /repos/:owner/:repo/dependabot/alerts/:alert_number
GET /repos/:owner/:repo/environments
GET /repos/:owner/:repo/environments/:environment_name
PUT /repos/:owner/:repo/environments/:environment_name
DELETE /repos/:owner/:repo/environments/:environment_name
GET /repos/:owner/:repo/traffic/views
GET /repos/:owner/:repo/traffic/clones
GET /repos/:owner/:repo/traffic/popular/paths
GET /repos/:owner/:repo/traffic/popular/referrers
`

const routes = lines
  .trim()
  .split('\n')
  .map((l) => def(l.trim()))

const p = (method: string, path: string, route: string | null, params = {}): Probe => ({
  method,
  path,
  route,
  params,
})

const mix: Probe[] = [
  p('GET', '/user', '/user'),
  p('GET', '/repos/honojs/hono', '/repos/:owner/:repo', { owner: 'honojs', repo: 'hono' }),
  p('GET', '/users/octocat/received_events/public', '/users/:user/received_events/public', {
    user: 'octocat',
  }),
  p(
    'GET',
    '/repos/honojs/hono/issues/123/comments',
    '/repos/:owner/:repo/issues/:number/comments',
    {
      owner: 'honojs',
      repo: 'hono',
      number: '123',
    },
  ),
  p('PATCH', '/repos/honojs/hono/pulls/42', '/repos/:owner/:repo/pulls/:number', {
    owner: 'honojs',
    repo: 'hono',
    number: '42',
  }),
  p('DELETE', '/user/starred/unjs/rou3', '/user/starred/:owner/:repo', {
    owner: 'unjs',
    repo: 'rou3',
  }),
  p(
    'POST',
    '/repos/nodejs/node/actions/runs/98765/rerun',
    '/repos/:owner/:repo/actions/runs/:run_id/rerun',
    { owner: 'nodejs', repo: 'node', run_id: '98765' },
  ),
  p('GET', '/repos/denoland/deno/git/trees/4b825dc6', '/repos/:owner/:repo/git/trees/:sha', {
    owner: 'denoland',
    repo: 'deno',
    sha: '4b825dc6',
  }),
  p('GET', '/search/repositories', '/search/repositories'),
  p(
    'GET',
    '/repos/oven-sh/bun/contents/src/js/node/http.ts',
    '/repos/:owner/:repo/contents/*path',
    {
      owner: 'oven-sh',
      repo: 'bun',
      path: 'src/js/node/http.ts',
    },
  ),
]

const cases: Case[] = [
  { name: 'static (/user)', probes: [mix[0]!] },
  { name: 'two captures (/repos/:owner/:repo)', probes: [mix[1]!] },
  { name: 'three captures, deep', probes: [mix[3]!] },
  { name: 'wildcard (contents/*path)', probes: [mix[9]!] },
  { name: '404 miss', probes: [p('GET', '/repos/honojs/hono/nothing/here', null)] },
  { name: 'all together (the ten)', probes: mix },
]

/** The GitHub-API-sized set. */
export const githubSet: RouteSet = {
  name: `GitHub REST API (${routes.length} routes)`,
  routes,
  cases,
}
