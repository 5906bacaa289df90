import assert from 'node:assert/strict'
import { AppendList } from '../../../../domain/shared/appendList.js'

describe('AppendList (persistent, append-only)', () => {
  it('appends without changing any earlier version', () => {
    const empty = AppendList.empty<number>()
    const one = empty.append(1)
    const two = one.append(2)
    const three = two.append(3)
    assert.deepEqual([...empty], [])
    assert.deepEqual([...one], [1])
    assert.deepEqual(two.toArray(), [1, 2])
    assert.deepEqual(three.toArray(), [1, 2, 3])
    assert.equal(three.length, 3)
    assert.equal(three.at(0), 1)
    assert.equal(three.at(-1), 3)
    assert.equal(three.at(3), undefined)
    assert.equal(two.at(2), undefined, 'a shorter version does not see items appended after it')
  })

  it('a fork from an older version keeps its own items, and both branches go on independently', () => {
    const base = AppendList.of(['a', 'b'])
    const left = base.append('c')
    const right = base.append('x')
    const leftMore = left.append('d')
    const rightMore = right.append('y')
    assert.deepEqual(base.toArray(), ['a', 'b'])
    assert.deepEqual(left.toArray(), ['a', 'b', 'c'])
    assert.deepEqual(right.toArray(), ['a', 'b', 'x'])
    assert.deepEqual(leftMore.toArray(), ['a', 'b', 'c', 'd'])
    assert.deepEqual(rightMore.toArray(), ['a', 'b', 'x', 'y'])
    assert.equal(left.append('e').at(-1), 'e')
    assert.deepEqual(leftMore.toArray(), ['a', 'b', 'c', 'd'])
  })

  it('reads like the array it stands for: some, filter, map, JSON', () => {
    const list = AppendList.of([1, 2, 3, 4])
    const copy = list.toArray()
    copy.push(99)
    assert.deepEqual(list.toArray(), [1, 2, 3, 4], 'toArray hands out a copy')
    assert.ok(list.some((n) => n === 4))
    assert.ok(!list.append(5).some((n) => n === 6))
    assert.ok(!list.some((n) => n === 5), 'an item appended to a later version is not seen by an earlier one')
    assert.deepEqual(
      list.filter((n) => n % 2 === 0),
      [2, 4],
    )
    assert.deepEqual(
      list.map((n) => n * 10),
      [10, 20, 30, 40],
    )
    assert.equal(JSON.stringify({ log: list }), '{"log":[1,2,3,4]}')
  })
})
