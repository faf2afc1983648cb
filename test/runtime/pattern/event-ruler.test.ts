import { describe, expect, test } from 'vitest';
import { matchesEventPattern } from '../../../runtime/pattern/event-ruler.js';

/**
 * The simulator's matcher against the examples of the EventBridge documentation and of AWS's
 * matcher, aws/event-ruler (its README), each an event, a pattern and whether AWS matches it.
 * Sources:
 * - OPS  https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
 * - CF   https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-content-based-filtering.html
 * - ARR  https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-arrays.html
 * - NULL https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-null-values.html
 * - RULER https://github.com/aws/event-ruler/blob/main/README.md
 */

/** The sample event of the event-ruler README and of CF. */
const ec2 = {
  version: '0',
  id: 'ddddd4-aaaa-7777-4444-345dd43cc333',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '012345679012',
  time: '2017-10-02T16:24:49Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000'],
  detail: { 'c-count': 5, 'd-count': 3, 'x-limit': 301.8, 'source-ip': '10.0.0.33', 'instance-id': 'i-000000aaaaaa00000', state: 'running' },
};

const cloudwatch = { source: 'aws.cloudwatch', metricName: 'CPUUtilization', namespace: 'AWS/EC2', detail: { source: 'x', 'detail-type': 'CloudWatch Alarm State Change' } };

interface Case {
  readonly name: string;
  readonly event: unknown;
  readonly pattern: unknown;
  readonly matches: boolean;
}

const cases: readonly Case[] = [
  // Exact values, lists of them, and several fields (RULER "Simple matching", OPS "And", "Or").
  { name: 'RULER simple matching', event: ec2, pattern: { 'detail-type': ['EC2 Instance State-change Notification'], resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000'], detail: { state: ['initializing', 'running'] } }, matches: true },
  { name: 'OPS and: every field must match', event: { Location: 'New York', Day: 'Tuesday' }, pattern: { Location: ['New York'], Day: ['Monday'] }, matches: false },
  { name: 'OPS or: one of the values', event: { PaymentType: 'Debit' }, pattern: { PaymentType: ['Credit', 'Debit'] }, matches: true },
  { name: 'OPS equals: case matters', event: { Name: 'alice' }, pattern: { Name: ['Alice'] }, matches: false },
  { name: 'a field absent from the event does not match a value', event: ec2, pattern: { detail: { colour: ['red'] } }, matches: false },
  { name: 'numbers match numerically: 301.8 and 3.018e2', event: ec2, pattern: { detail: { 'x-limit': [3.018e2] } }, matches: true },
  { name: 'a number does not match the string of it', event: { n: '5' }, pattern: { n: [5] }, matches: false },
  // Null and empty (NULL, OPS "Empty", "Null").
  { name: 'NULL: [null] matches a null value', event: { detail: { responseElements: null } }, pattern: { detail: { responseElements: [null] } }, matches: true },
  { name: 'NULL: [null] does not match a missing field', event: { detail: {} }, pattern: { detail: { responseElements: [null] } }, matches: false },
  { name: 'NULL: [""] matches an empty string', event: { detail: { eventVersion: '' } }, pattern: { detail: { eventVersion: [''] } }, matches: true },
  { name: 'NULL: [""] does not match null', event: { detail: { eventVersion: null } }, pattern: { detail: { eventVersion: [''] } }, matches: false },
  // Prefix and suffix (CF, RULER), with equals-ignore-case.
  { name: 'CF prefix on time', event: ec2, pattern: { time: [{ prefix: '2017-10-02' }] }, matches: true },
  { name: 'CF prefix example: Auto Scaling from Europe', event: { source: 'aws.autoscaling', region: 'us-east-1' }, pattern: { source: ['aws.autoscaling'], region: [{ prefix: 'eu-' }] }, matches: false },
  { name: 'prefix never matches a number', event: { detail: { code: 123 } }, pattern: { detail: { code: [{ prefix: '1' }] } }, matches: false },
  { name: 'RULER prefix equals-ignore-case', event: ec2, pattern: { source: [{ prefix: { 'equals-ignore-case': 'AWS.EC' } }] }, matches: true },
  { name: 'RULER suffix', event: ec2, pattern: { source: [{ suffix: 'ec2' }] }, matches: true },
  { name: 'RULER suffix equals-ignore-case', event: ec2, pattern: { source: [{ suffix: { 'equals-ignore-case': 'EC2' } }] }, matches: true },
  { name: 'OPS ends with .png', event: { FileName: 'photo.PNG' }, pattern: { FileName: [{ suffix: '.png' }] }, matches: false },
  { name: 'OPS ends with, ignoring case', event: { service: 'EVENTBRIDGE' }, pattern: { service: [{ suffix: { 'equals-ignore-case': 'tBridge' } }] }, matches: true },
  { name: 'OPS begins with, ignoring case', event: { service: 'EventBridge' }, pattern: { service: [{ prefix: { 'equals-ignore-case': 'eventb' } }] }, matches: true },
  // Equals-ignore-case.
  { name: 'RULER equals-ignore-case', event: ec2, pattern: { source: [{ 'equals-ignore-case': 'AWS.EC2' }] }, matches: true },
  { name: 'OPS equals ignoring case: Alice', event: { Name: 'ALICE' }, pattern: { Name: [{ 'equals-ignore-case': 'alice' }] }, matches: true },
  // Wildcard (RULER: `\*` is a star, `\\` a backslash).
  { name: 'RULER wildcard Simple*Service', event: { source: 'Simple Notification Service' }, pattern: { source: [{ wildcard: 'Simple*Service' }] }, matches: true },
  { name: 'OPS wildcard dir/*.png', event: { FileName: 'dir/sub/photo.png' }, pattern: { FileName: [{ wildcard: 'dir/*.png' }] }, matches: true },
  { name: 'OPS wildcard dir/*.png, another folder', event: { FileName: 'other/photo.png' }, pattern: { FileName: [{ wildcard: 'dir/*.png' }] }, matches: false },
  { name: 'wildcard matches the whole value', event: { FileName: 'dir/photo.png.bak' }, pattern: { FileName: [{ wildcard: 'dir/*.png' }] }, matches: false },
  { name: 'an escaped \\* is a star', event: { key: 'a*b' }, pattern: { key: [{ wildcard: 'a\\*b' }] }, matches: true },
  { name: 'an escaped \\* is not a wildcard', event: { key: 'axxb' }, pattern: { key: [{ wildcard: 'a\\*b' }] }, matches: false },
  { name: 'an escaped \\\\ is a backslash', event: { key: 'a\\b' }, pattern: { key: [{ wildcard: 'a\\\\b' }] }, matches: true },
  { name: 'a wildcard with regular-expression characters', event: { key: 'a.b+c' }, pattern: { key: [{ wildcard: 'a.b+*' }] }, matches: true },
  { name: 'a wildcard with regular-expression characters, literally', event: { key: 'aXb+c' }, pattern: { key: [{ wildcard: 'a.b+*' }] }, matches: false },
  // Anything-but (CF, RULER).
  { name: 'CF anything-but a string', event: ec2, pattern: { detail: { state: [{ 'anything-but': 'initializing' }] } }, matches: true },
  { name: 'CF anything-but a string, excluded', event: { detail: { state: 'initializing' } }, pattern: { detail: { state: [{ 'anything-but': 'initializing' }] } }, matches: false },
  { name: 'CF anything-but a number', event: { detail: { 'x-limit': 123 } }, pattern: { detail: { 'x-limit': [{ 'anything-but': 123 }] } }, matches: false },
  { name: 'CF anything-but a list of strings', event: { detail: { state: 'overloaded' } }, pattern: { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } }, matches: false },
  { name: 'CF anything-but a list of strings, not in it', event: ec2, pattern: { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } }, matches: true },
  { name: 'CF anything-but a list of numbers', event: { detail: { 'x-limit': 200 } }, pattern: { detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } }, matches: false },
  { name: 'CF anything-but a list of numbers, not in it', event: ec2, pattern: { detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } }, matches: true },
  { name: 'CF anything-but prefix init', event: { detail: { state: 'initializing' } }, pattern: { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } }, matches: false },
  { name: 'CF anything-but prefix aws.: your own events', event: { source: 'com.shop' }, pattern: { source: [{ 'anything-but': { prefix: 'aws.' } }] }, matches: true },
  { name: 'CF anything-but CloudTrail', event: { 'detail-type': 'AWS API Call via CloudTrail' }, pattern: { 'detail-type': [{ 'anything-but': 'AWS API Call via CloudTrail' }] }, matches: false },
  { name: 'OPS anything-but suffix .png', event: { FileName: 'a.png' }, pattern: { FileName: [{ 'anything-but': { suffix: '.png' } }] }, matches: false },
  { name: 'OPS anything-but ignoring case', event: { state: 'INITIALIZING' }, pattern: { state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] }, matches: false },
  { name: 'RULER anything-but ignoring case, a list', event: { detail: { state: 'overloaded' } }, pattern: { detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['Stopped', 'OverLoaded'] } }] } }, matches: false },
  { name: 'OPS anything-but a wildcard */lib/*', event: { FilePath: 'src/lib/a.js' }, pattern: { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] }, matches: false },
  { name: 'OPS anything-but a wildcard */lib/*, elsewhere', event: { FilePath: 'src/bin/a.js' }, pattern: { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] }, matches: true },
  { name: 'OPS anything-but Raining', event: { Weather: 'Sunny' }, pattern: { Weather: [{ 'anything-but': ['Raining'] }] }, matches: true },
  { name: 'anything-but needs the field', event: {}, pattern: { Weather: [{ 'anything-but': ['Raining'] }] }, matches: false },
  { name: 'anything-but a string lets a number through', event: { state: 5 }, pattern: { state: [{ 'anything-but': 'running' }] }, matches: true },
  { name: 'anything-but an array: one element not excluded is enough', event: { price: [100, 50] }, pattern: { price: [{ 'anything-but': [100, 500] }] }, matches: true },
  { name: 'anything-but an array: every element excluded', event: { price: [100, 500] }, pattern: { price: [{ 'anything-but': [100, 500] }] }, matches: false },
  // Numeric (CF, OPS).
  { name: 'CF numeric, every field', event: ec2, pattern: { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }], 'd-count': [{ numeric: ['<', 10] }], 'x-limit': [{ numeric: ['=', 3.018e2] }] } }, matches: true },
  { name: 'CF numeric, the upper bound holds', event: { detail: { 'c-count': 6 } }, pattern: { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] } }, matches: false },
  { name: 'OPS price is 100', event: { Price: 100 }, pattern: { Price: [{ numeric: ['=', 100] }] }, matches: true },
  { name: 'OPS price between 10 and 20: 10 is not more than 10', event: { Price: 10 }, pattern: { Price: [{ numeric: ['>', 10, '<=', 20] }] }, matches: false },
  { name: 'OPS price between 10 and 20: 20', event: { Price: 20 }, pattern: { Price: [{ numeric: ['>', 10, '<=', 20] }] }, matches: true },
  { name: 'numeric matches only numbers', event: { Price: '15' }, pattern: { Price: [{ numeric: ['>', 10] }] }, matches: false },
  // IP addresses (CF: IPv4 and IPv6).
  { name: 'CF cidr 10.0.0.0/24', event: { detail: { sourceIPAddress: '10.0.0.33' } }, pattern: { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } }, matches: true },
  { name: 'CF cidr 10.0.0.0/24, outside', event: { detail: { sourceIPAddress: '10.0.1.33' } }, pattern: { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } }, matches: false },
  { name: 'RULER complex example with cidr 10.0.0.0/8', event: ec2, pattern: { time: [{ prefix: '2017-10-02' }], detail: { state: [{ 'anything-but': 'initializing' }], 'c-count': [{ numeric: ['>', 0, '<=', 5] }], 'd-count': [{ numeric: ['<', 10] }], 'x-limit': [{ 'anything-but': [100, 200, 300] }], 'source-ip': [{ cidr: '10.0.0.0/8' }] } }, matches: true },
  { name: 'cidr IPv6', event: { ip: '2001:db8:0:0:1::1' }, pattern: { ip: [{ cidr: '2001:db8::/32' }] }, matches: true },
  { name: 'cidr IPv6, outside', event: { ip: '2001:db9::1' }, pattern: { ip: [{ cidr: '2001:db8::/32' }] }, matches: false },
  { name: 'cidr IPv6 does not match an IPv4 address', event: { ip: '10.0.0.1' }, pattern: { ip: [{ cidr: '2001:db8::/32' }] }, matches: false },
  { name: 'an IPv6 address matches however it is written', event: { ip: '2001:0db8:0000:0000:0000:0000:0000:0001' }, pattern: { ip: ['2001:db8::1'] }, matches: true },
  // Exists (CF: only leaves exist; a missing parent, or an object, is absent).
  { name: 'CF exists false: no c-count', event: { 'detail-type': 'x', detail: { state: ['initializing', 'running'] } }, pattern: { detail: { 'c-count': [{ exists: false }] } }, matches: true },
  { name: 'CF exists false: c-count is not a leaf', event: { detail: { state: 'running', 'c-count': { c1: 100 } } }, pattern: { detail: { 'c-count': [{ exists: false }] } }, matches: true },
  { name: 'RULER exists true: c-count is there', event: ec2, pattern: { detail: { 'c-count': [{ exists: true }] } }, matches: true },
  { name: 'exists true: an object is not a leaf', event: { detail: { 'c-count': { c1: 100 } } }, pattern: { detail: { 'c-count': [{ exists: true }] } }, matches: false },
  { name: 'exists false: c-count is there', event: ec2, pattern: { detail: { 'c-count': [{ exists: false }] } }, matches: false },
  { name: 'exists false under a missing parent', event: { source: 'a' }, pattern: { detail: { 'c-count': [{ exists: false }] } }, matches: true },
  { name: 'exists false under a parent that is a string', event: { detail: 'text' }, pattern: { detail: { 'c-count': [{ exists: false }] } }, matches: true },
  { name: 'exists false: an empty array holds nothing', event: { detail: { tags: [] } }, pattern: { detail: { tags: [{ exists: false }] } }, matches: true },
  { name: 'exists true: null is a value', event: { detail: { coupon: null } }, pattern: { detail: { coupon: [{ exists: true }] } }, matches: true },
  { name: 'CF exists example: a description field', event: { detail: { description: 'd' } }, pattern: { detail: { description: [{ exists: true }] } }, matches: true },
  // Arrays (ARR, RULER "JSON Array Matching").
  {
    name: 'ARR: a pattern array and an event array that intersect',
    event: { resources: ['arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b-bbf0-401d-b893-d5978ed4a025:autoScalingGroupName/ASGTerminate', 'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f'] },
    pattern: { resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f', 'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f', 'arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f'] },
    matches: true,
  },
  { name: 'ARR: no common element', event: { resources: ['a', 'b'] }, pattern: { resources: ['c'] }, matches: false },
  { name: 'RULER arrays of objects: a field of one element', event: { employees: [{ firstName: 'John', lastName: 'Doe' }, { firstName: 'Anna', lastName: 'Smith' }, { firstName: 'Peter', lastName: 'Jones' }] }, pattern: { employees: { firstName: ['Anna'] } }, matches: true },
  { name: 'RULER arrays of objects: two fields of one element', event: { employees: [{ firstName: 'John', lastName: 'Doe' }, { firstName: 'Anna', lastName: 'Smith' }] }, pattern: { employees: { firstName: ['Anna'], lastName: ['Smith'] } }, matches: true },
  { name: 'RULER arrays of objects: fields of different elements do not combine', event: { employees: [{ firstName: 'John', lastName: 'Doe' }, { firstName: 'Anna', lastName: 'Smith' }, { firstName: 'Peter', lastName: 'Jones' }] }, pattern: { employees: { firstName: ['Anna'], lastName: ['Jones'] } }, matches: false },
  { name: 'RULER arrays of arrays are crushed', event: { employees: [[{ firstName: 'John', lastName: 'Doe' }, { firstName: 'Anna', lastName: 'Smith' }], [{ firstName: 'Peter', lastName: 'Jones' }]] }, pattern: { employees: { firstName: ['Peter'] } }, matches: true },
  { name: 'RULER arrays of arrays: still one element at a time', event: { employees: [[{ firstName: 'John', lastName: 'Doe' }, { firstName: 'Anna', lastName: 'Smith' }], [{ firstName: 'Peter', lastName: 'Jones' }]] }, pattern: { employees: { firstName: ['Anna'], lastName: ['Jones'] } }, matches: false },
  { name: 'exists false with an array: the element that matched has no such field', event: { items: [{ sku: 'a' }, { sku: 'b', gift: true }] }, pattern: { items: { sku: ['a'], wrap: [{ exists: false }] } }, matches: true },
  // $or (OPS "Or" on several fields, RULER "$or" examples).
  { name: 'OPS $or: Location or Day', event: { Location: 'Paris', Day: 'Monday' }, pattern: { $or: [{ Location: ['New York'] }, { Day: ['Monday'] }] }, matches: true },
  { name: 'OPS $or: neither', event: { Location: 'Paris', Day: 'Tuesday' }, pattern: { $or: [{ Location: ['New York'] }, { Day: ['Monday'] }] }, matches: false },
  { name: 'RULER normal $or', event: cloudwatch, pattern: { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }] }, matches: true },
  { name: 'RULER normal $or, the other field fails', event: { ...cloudwatch, source: 'aws.ec2' }, pattern: { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }] }, matches: false },
  {
    name: 'RULER parallel $or',
    event: cloudwatch,
    pattern: { $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }], detail: { $or: [{ source: ['aws.cloudwatch'] }, { 'detail-type': ['CloudWatch Alarm State Change'] }] } },
    matches: true,
  },
  {
    name: 'RULER $or with an and inside',
    event: { source: 'aws.cloudwatch', metricType: 'MetricType', namespace: 'AWS/ES' },
    pattern: { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { metricType: ['MetricType'], namespace: ['AWS/EC2', 'AWS/ES'] }, { scope: ['Service'] }] },
    matches: true,
  },
  {
    name: 'RULER nested $or',
    event: { source: 'aws.cloudwatch', metricType: 'MetricType', namespace: 'AWS/EC2', spaceId: 1000 },
    pattern: { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { metricType: ['MetricType'], namespace: ['AWS/EC2', 'AWS/ES'], $or: [{ metricId: [1234] }, { spaceId: [1000] }] }, { scope: ['Service'] }] },
    matches: true,
  },
  {
    name: 'RULER nested $or, no inner alternative',
    event: { source: 'aws.cloudwatch', metricType: 'MetricType', namespace: 'AWS/EC2', spaceId: 1 },
    pattern: { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { metricType: ['MetricType'], namespace: ['AWS/EC2', 'AWS/ES'], $or: [{ metricId: [1234] }, { spaceId: [1000] }] }, { scope: ['Service'] }] },
    matches: false,
  },
  { name: 'RULER: $or with an object is a field named $or', event: { source: 'aws.cloudwatch', $or: { metricType: 'MetricType' } }, pattern: { source: ['aws.cloudwatch'], $or: { metricType: ['MetricType'] } }, matches: true },
];

describe('the simulator matches EventBridge patterns as AWS documents them', () => {
  test.each(cases)('$name', ({ event, pattern, matches }) => {
    expect(matchesEventPattern(pattern, event)).toBe(matches);
  });

  test('an event that is not an object matches nothing', () => {
    expect(matchesEventPattern({ a: [{ exists: false }] }, 'text')).toBe(false);
  });

  test('a deeply nested event is read without exhausting the stack', () => {
    let event: unknown = { leaf: 'x' };
    for (let i = 0; i < 20_000; i++) event = { a: event };
    expect(matchesEventPattern({ missing: [{ exists: false }] }, event)).toBe(true);
  });
});

describe('wildcards', () => {
  test.each([
    ['*', '', true],
    ['*', 'anything', true],
    ['a*', 'abc', true],
    ['*c', 'abc', true],
    ['a*c', 'ac', true],
    ['a*c', 'a', false],
    ['ab*ba', 'aba', false],
    ['*a*b*', 'xxaxxbxx', true],
    ['*a*b*', 'xxbxxaxx', false],
    ['a*a*a', 'aaa', true],
    ['a*a*a', 'aa', false],
  ])('%s against %j: %s', (wildcard, value, matches) => {
    expect(matchesEventPattern({ f: [{ wildcard }] }, { f: value })).toBe(matches);
  });

  test('many stars against a long value take linear time, not backtracking', () => {
    const wildcard = `${'*a'.repeat(30)}*b`;
    expect(matchesEventPattern({ f: [{ wildcard }] }, { f: 'a'.repeat(200_000) })).toBe(false);
  });
});
