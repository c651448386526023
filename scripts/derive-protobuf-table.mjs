#!/usr/bin/env node
// Derives src/api/protobuf/message-table.json: for every protobuf message a request body of the served
// API groups can reach, its fields as the decoder needs them (field number, wire type, JSON name,
// omitempty, Go pointer-ness, inline embedding), in Go struct order so the decoded JSON keeps the key
// order Go's encoding/json would give. Field numbers and wire types come from k8s.io/api's and
// k8s.io/apimachinery's generated.proto files; JSON names, omitempty and pointers from the Go struct tags
// of the same packages (the .proto files carry none of those). Nothing upstream is copied into the repo.
// See docs/decisions/0008-protobuf-table-derivation.md.
//
// Usage: node scripts/derive-protobuf-table.mjs --api <dir|git dir> --apimachinery <dir|git dir>
//          [--ref v0.32.4] [--out src/api/protobuf/message-table.json]
// A git dir without a work tree (as /work/.mirror/*/repo) is read with `git show <ref>:<path>`.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const API_PACKAGES = ['core/v1', 'apps/v1', 'batch/v1', 'autoscaling/v1', 'coordination/v1', 'rbac/v1', 'policy/v1',
  'networking/v1', 'scheduling/v1', 'events/v1', 'discovery/v1', 'authorization/v1', 'authentication/v1']
const MACHINERY_PACKAGES = { 'pkg/apis/meta/v1': 'meta.v1', 'pkg/runtime': 'runtime', 'pkg/util/intstr': 'intstr', 'pkg/api/resource': 'resource' }
// Types with their own protobuf or JSON (un)marshalers: decoded by hand in src/api/protobuf/special-types.ts.
const SPECIAL = new Set(['meta.v1.Time', 'meta.v1.MicroTime', 'meta.v1.Duration', 'meta.v1.FieldsV1',
  'runtime.RawExtension', 'intstr.IntOrString', 'resource.Quantity'])
// Request bodies that are not kinds of a group: DeleteOptions (DELETE bodies of typed clients).
const EXTRA_ROOTS = ['meta.v1.DeleteOptions']
const SCALARS = new Set(['string', 'bool', 'int32', 'int64', 'bytes'])
// Row flags, read by src/api/protobuf/message-table.ts.
const REPEATED = 1, OMIT_EMPTY = 2, POINTER = 4, INLINE = 8, MAP = 16, ITEMS = 32

function parseArgs(argv) {
  const args = { ref: 'HEAD', out: 'src/api/protobuf/message-table.json' }
  for (let i = 0; i < argv.length; i += 2) args[argv[i].replace(/^--/, '')] = argv[i + 1]
  if (!args.api || !args.apimachinery) throw new Error('usage: --api <dir|git dir> --apimachinery <dir|git dir> [--ref REF] [--out FILE]')
  return args
}

/** Reads files of one upstream repository: a checkout, or a git dir without a work tree at `ref`. */
function sourceOf(root, ref) {
  const isGitDir = existsSync(join(root, 'HEAD')) && existsSync(join(root, 'objects'))
  if (!isGitDir) {
    return {
      describe: () => `${root} (work tree)`,
      read: (path) => readFileSync(join(root, path), 'utf8'),
      list: (dir) => readdirSync(join(root, dir)).filter((f) => statSync(join(root, dir, f)).isFile()),
    }
  }
  const git = (...a) => execFileSync('git', ['--git-dir', root, ...a], { encoding: 'utf8', maxBuffer: 1 << 28 })
  const commit = git('rev-parse', `${ref}^{commit}`).trim()
  return {
    describe: () => `${ref} (${commit})`,
    read: (path) => git('show', `${commit}:${path}`),
    list: (dir) => git('ls-tree', '--name-only', `${commit}:${dir}`).split('\n').filter(Boolean),
  }
}

/** message name → { fields: [{ label, type, name, number, mapValue }] } of one generated.proto. */
function parseProto(text, shortPackage, protoPackage) {
  const messages = new Map()
  let current
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\/\/.*$/, '').trim()
    if (!line) continue
    let m
    if ((m = /^message (\w+) \{$/.exec(line))) {
      if (current) throw new Error(`nested message ${m[1]} in ${protoPackage}`)
      current = { name: `${shortPackage}.${m[1]}`, fields: [] }
      messages.set(current.name, current)
    } else if (line === '}') {
      current = undefined
    } else if (current && (m = /^map<(\w+), ([\w.]+)> (\w+) = (\d+);$/.exec(line))) {
      if (m[1] !== 'string') throw new Error(`map key ${m[1]} in ${current.name}`)
      current.fields.push({ label: 'map', type: qualify(m[2], shortPackage), name: m[3], number: Number(m[4]) })
    } else if (current && (m = /^(optional|repeated) ([\w.]+) (\w+) = (\d+);$/.exec(line))) {
      current.fields.push({ label: m[1], type: qualify(m[2], shortPackage), name: m[3], number: Number(m[4]) })
    } else if (current) {
      throw new Error(`unparsed line in ${current.name}: ${line}`)
    }
  }
  return messages
}

function qualify(type, shortPackage) {
  if (SCALARS.has(type)) return type
  if (!type.startsWith('.')) return `${shortPackage}.${type}`
  const full = type.slice(1)
  for (const [prefix, short] of [['k8s.io.api.', ''], ['k8s.io.apimachinery.pkg.apis.', ''], ['k8s.io.apimachinery.pkg.util.', ''],
    ['k8s.io.apimachinery.pkg.api.', ''], ['k8s.io.apimachinery.pkg.', '']]) {
    if (full.startsWith(prefix)) return short + full.slice(prefix.length)
  }
  throw new Error(`unknown type ${type}`)
}

/** Go declarations of one package: structs (fields with tags, in order) and named slice types. */
function parseGo(texts) {
  const structs = new Map()
  const slices = new Map()
  const objects = new Set()
  for (const text of texts) {
    const lines = text.replace(/\/\*[\s\S]*?\*\//g, '').split('\n')
    for (let i = 0; i < lines.length; i++) {
      let m
      if ((m = /^type (\w+) \[\](\w+)$/.exec(lines[i]))) slices.set(m[1], m[2])
      if (!(m = /^type (\w+) struct \{$/.exec(lines[i]))) continue
      const name = m[1]
      // The markers sit in the comment block above the type, maybe parted from its doc by a blank line.
      for (let j = i - 1; j >= 0 && (lines[j].startsWith('//') || lines[j].trim() === ''); j--) {
        if (lines[j].includes('+k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object')) objects.add(name)
      }
      const fields = []
      for (i++; lines[i] !== '}'; i++) {
        const line = lines[i].trim()
        if (!line || line.startsWith('//')) continue
        // An untagged field (time.Time inside metav1.Time) is never on the wire: its tag reads as empty.
        const f = /^([^`]+?)\s*(?:`([^`]*)`)?(?:\s*\/\/.*)?$/.exec(line)
        const words = f[1].split(/\s+/)
        fields.push({ goName: words.length === 1 ? words[0].replace(/^\*?(\w+\.)?/, '') : words[0], goType: words.at(-1), tag: f[2] ?? '', isEmbedded: words.length === 1 })
      }
      structs.set(name, fields)
    }
  }
  return { structs, slices, objects }
}

function tagValue(tag, key) {
  const m = new RegExp(`(?:^|\\s)${key}:"([^"]*)"`).exec(tag)
  return m?.[1]
}

/** The table rows of one message, in Go field order. */
function rowsOf(message, goPackage) {
  const goName = message.name.split('.').at(-1)
  const goStruct = goPackage.structs.get(goName)
  if (!goStruct) {
    const itemType = goPackage.slices.get(goName)
    const only = message.fields[0]
    if (!itemType || message.fields.length !== 1 || only.label !== 'repeated') throw new Error(`no Go struct for ${message.name}`)
    return [['', only.number, only.type, REPEATED | ITEMS]]
  }
  const byNumber = new Map(message.fields.map((f) => [f.number, f]))
  const rows = []
  for (const field of goStruct) {
    const protobuf = tagValue(field.tag, 'protobuf')
    if (!protobuf || protobuf === '-') continue
    const number = Number(protobuf.split(',')[1])
    const proto = byNumber.get(number)
    if (!proto) throw new Error(`${message.name}.${field.goName}: no proto field ${number}`)
    byNumber.delete(number)
    const [jsonName = field.goName, ...options] = (tagValue(field.tag, 'json') ?? field.goName).split(',')
    const isInline = field.isEmbedded && jsonName === ''
    let flags = 0
    if (proto.label === 'repeated') flags |= REPEATED
    if (proto.label === 'map') flags |= MAP
    if (options.includes('omitempty')) flags |= OMIT_EMPTY
    if (field.goType.startsWith('*')) flags |= POINTER
    if (isInline) flags |= INLINE
    if (field.goType.startsWith('*[]') || field.goType.startsWith('[]*')) throw new Error(`${message.name}.${field.goName}: ${field.goType}`)
    rows.push(flags ? [isInline ? '' : jsonName, number, proto.type, flags] : [jsonName, number, proto.type])
  }
  if (byNumber.size) throw new Error(`${message.name}: proto fields without a Go field: ${[...byNumber.keys()]}`)
  return rows
}

function loadPackage(source, dir, short) {
  const files = source.list(dir)
  const goTexts = files.filter((f) => f.endsWith('.go') && !f.endsWith('_test.go') && !f.startsWith('zz_generated') && f !== 'generated.pb.go')
    .map((f) => source.read(`${dir}/${f}`))
  const protoPackage = `k8s.io.${short}`
  const register = files.includes('register.go') ? source.read(`${dir}/register.go`) : ''
  const group = /GroupName\s*=\s*"([^"]*)"/.exec(register)?.[1]
  return { short, group, messages: parseProto(source.read(`${dir}/generated.proto`), short, protoPackage), go: parseGo(goTexts) }
}

function main() {
  const args = parseArgs(process.argv.slice(2))
  const api = sourceOf(args.api, args.ref)
  const machinery = sourceOf(args.apimachinery, args.ref)
  const packages = [
    ...API_PACKAGES.map((dir) => loadPackage(api, dir, dir.replace('/', '.'))),
    ...Object.entries(MACHINERY_PACKAGES).map(([dir, short]) => loadPackage(machinery, dir, short)),
  ]
  const allMessages = new Map(packages.flatMap((p) => [...p.messages].map(([name, m]) => [name, { ...m, pkg: p }])))
  const kinds = {}
  const roots = [...EXTRA_ROOTS]
  for (const pkg of packages.slice(0, API_PACKAGES.length)) {
    for (const goName of [...pkg.go.objects].sort()) {
      // Request bodies are objects with ObjectMeta (kinds and subresource kinds such as Scale, Eviction,
      // TokenRequest); lists and query-option kinds (PodLogOptions) never travel as a body.
      const message = pkg.messages.get(`${pkg.short}.${goName}`)
      if (goName.endsWith('List') || !message?.fields.some((f) => f.name === 'metadata' && f.type === 'meta.v1.ObjectMeta')) continue
      const version = pkg.short.split('.').at(-1)
      kinds[`${pkg.group ? `${pkg.group}/` : ''}${version}/${goName}`] = `${pkg.short}.${goName}`
      roots.push(`${pkg.short}.${goName}`)
    }
  }
  const messages = {}
  const pending = [...roots]
  while (pending.length) {
    const name = pending.pop()
    if (messages[name] || SPECIAL.has(name)) continue
    const message = allMessages.get(name)
    if (!message) throw new Error(`unknown message ${name}`)
    messages[name] = rowsOf(message, message.pkg.go)
    for (const row of messages[name]) if (!SCALARS.has(row[2])) pending.push(row[2])
  }
  const sorted = Object.keys(messages).sort()
  const lines = sorted.map((name) => `    ${JSON.stringify(name)}: ${JSON.stringify(messages[name])}`)
  const kindLines = Object.keys(kinds).sort().map((k) => `    ${JSON.stringify(k)}: ${JSON.stringify(kinds[k])}`)
  const text = `{\n  "derivedFrom": ${JSON.stringify({ 'k8s.io/api': api.describe(), 'k8s.io/apimachinery': machinery.describe() })},\n` +
    `  "kinds": {\n${kindLines.join(',\n')}\n  },\n  "messages": {\n${lines.join(',\n')}\n  }\n}\n`
  writeFileSync(args.out, text)
  console.log(`wrote ${args.out}: ${Object.keys(kinds).length} kinds, ${sorted.length} messages, ${text.length} bytes`)
}

main()
