// TEMPORARY: @ferry/router's index exports nothing yet (the lead is writing it). Until it does,
// tests and typecheck reach the committed contract files directly. Delete with the aliases in
// vitest.config.ts and tsconfig.json once `@ferry/router` exports the contract.
export * from '../../router/src/lib/types'
export * from '../../router/src/lib/http-error'
