// The start group serves the size group's app: six routes with typed captures and a query, JSON
// and text answers, a not-found handler and one layer. One definition, so both groups measure
// the same app.
export { default as ferryApp } from '../../size/apps/ferry.js'
