#!/usr/bin/env python3
"""Writes tests/data/bad/: malformed and hostile variants of good/minimal.json, and expected.json, which names
for each file the JSON path of the first expected fault and a phrase its English message contains."""
import copy
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
base = json.load(open(os.path.join(HERE, 'good', 'minimal.json'), encoding='utf-8'))
out = os.path.join(HERE, 'bad')
os.makedirs(out, exist_ok=True)
expected = {}


def write(name, doc=None, raw=None, path='', contains=''):
    p = os.path.join(out, name)
    if raw is not None:
        open(p, 'wb').write(raw if isinstance(raw, bytes) else raw.encode('utf-8'))
    else:
        open(p, 'w', encoding='utf-8').write(json.dumps(doc, ensure_ascii=False))
    expected[name] = {'path': path, 'contains': contains}


def mut(name, fn, path, contains=''):
    d = copy.deepcopy(base)
    fn(d)
    write(name, d, path=path, contains=contains)


def nested(depth):
    v = 1
    for _ in range(depth):
        v = [v]
    return v


text = json.dumps(base, ensure_ascii=False)
write('empty.json', raw=b'', contains='empty')
write('whitespace_only.json', raw=b'  \n\t ', contains='empty')
write('truncated.json', raw=text[:len(text) // 2], contains='end of file')
write('trailing_comma.json', raw='{"format": "gridstar/1",}', contains='line 1')
write('top_level_array.json', raw='[{"format": "gridstar/1"}]', contains='top level')
write('top_level_string.json', raw='"gridstar/1"', contains='top level')
write('invalid_utf8.json', raw=b'{"format": "gridstar/1", "dataset": {"name": "\xff\xfe bad", "as_of": "2024-01-01"}}',
      contains='syntax error')
write('bom_then_garbage.json', raw=b'\xef\xbb\xbf{ this is not json }', contains='syntax error')
write('nan_literal.json', raw=text.replace('"households": 800', '"households": NaN', 1), contains='syntax error')
write('syntax_error_line3.json', raw='{\n  "format": "gridstar/1",\n  "dataset": {"name": "x" "as_of": "2024-01-01"}\n}',
      contains='line 3')
mut('wrong_format.json', lambda d: d.update(format='gridstar/9'), '/format', 'unsupported format')
mut('missing_format.json', lambda d: d.pop('format'), '/format', 'required')
mut('missing_dataset_name.json', lambda d: d['dataset'].pop('name'), '/dataset/name', 'required')
mut('bad_as_of_date.json', lambda d: d['dataset'].update(as_of='2024-02-30'), '/dataset/as_of', 'invalid date')
mut('streets_not_array.json', lambda d: d.update(streets={'S1': 1}), '/streets', 'must be an array')
mut('duplicate_street_id.json', lambda d: d['streets'][1].update(id='S1'), '/streets/1/id', 'duplicate id')
mut('dangling_street_ref.json', lambda d: d['communities'][2].update(street_id='S9'), '/communities/2/street_id',
    'does not exist')
mut('bad_community_kind.json', lambda d: d['communities'][1].update(kind='city'), '/communities/1/kind', 'kind must be')
mut('households_string.json', lambda d: d['communities'][0].update(households='800'), '/communities/0/households',
    'must be an integer')
mut('households_negative.json', lambda d: d['grids'][1].update(households=-5), '/grids/1/households', 'out of range')
mut('households_fraction.json', lambda d: d['grids'][1].update(households=12.5), '/grids/1/households',
    'must be an integer')
mut('bad_grid_color.json', lambda d: d['grids'][0].update(color='purple'), '/grids/0/color', 'grid colour')
mut('dangling_grid_community.json', lambda d: d['grids'][2].update(community_id='C9'), '/grids/2/community_id',
    'does not exist')
mut('duplicate_grid_id.json', lambda d: d['grids'][2].update(id='G1'), '/grids/2/id', 'duplicate id')
mut('lon_out_of_range.json', lambda d: d['grids'][0]['boundary']['coordinates'][0][2].__setitem__(0, 200.0),
    '/grids/0/boundary/coordinates/0/2/0', 'out of range')
mut('lat_out_of_range.json', lambda d: d['district']['boundary']['coordinates'][0][1].__setitem__(1, -91),
    '/district/boundary/coordinates/0/1/1', 'out of range')
mut('coordinate_string.json', lambda d: d['streets'][0]['boundary']['coordinates'][0][3].__setitem__(0, '120.0'),
    '/streets/0/boundary/coordinates/0/3/0', 'must be a number')
mut('ring_two_points.json',
    lambda d: d['grids'][0]['boundary'].update(coordinates=[[[120.0, 36.0], [120.05, 36.0], [120.0, 36.0]]]),
    '/grids/0/boundary/coordinates/0', 'at least 3')
mut('geometry_point.json', lambda d: d['grids'][0]['boundary'].update(type='Point'), '/grids/0/boundary/type',
    'Polygon or MultiPolygon')
mut('position_single_number.json', lambda d: d['grids'][0]['boundary']['coordinates'][0].__setitem__(1, [120.05]),
    '/grids/0/boundary/coordinates/0/1', '[lon, lat]')
mut('dangling_micro_grid.json', lambda d: d['micro_grids'][1].update(grid_id='G7'), '/micro_grids/1/grid_id',
    'does not exist')
mut('activity_end_before_start.json', lambda d: d['activities'][0].update(end='2024-03-05T08:00'),
    '/activities/0/end', 'before start')
mut('activity_bad_datetime.json', lambda d: d['activities'][1].update(start='2024-06-01 25:00'),
    '/activities/1/start', 'invalid date-time')
mut('activity_dangling_team.json', lambda d: d['activities'][1].update(team_id='T9'), '/activities/1/team_id',
    'does not exist')
mut('activity_hours_negative.json', lambda d: d['activities'][0].update(hours=-1), '/activities/0/hours',
    'out of range')
mut('activity_missing_title.json', lambda d: d['activities'][0].pop('title'), '/activities/0/title', 'required')
mut('score_above_max.json', lambda d: d['competition']['scores'][1]['values'].update(grid=120),
    '/competition/scores/1/values/grid', 'out of range')
mut('score_unknown_indicator.json', lambda d: d['competition']['scores'][0]['values'].update(culture=50),
    '/competition/scores/0/values/culture', 'unknown indicator')
mut('score_dangling_period.json', lambda d: d['competition']['scores'][2].update(period='2023-Q4'),
    '/competition/scores/2/period', 'does not exist')
mut('score_duplicate_entry.json',
    lambda d: d['competition']['scores'].append(copy.deepcopy(d['competition']['scores'][0])),
    '/competition/scores/4', 'duplicate score')
mut('indicator_weight_zero.json', lambda d: d['competition']['indicators'][1].update(weight=0),
    '/competition/indicators/1/weight', 'greater than 0')
mut('periods_out_of_order.json', lambda d: d['competition']['periods'].reverse(), '/competition/periods/1/start',
    'time order')
mut('star_level_six.json', lambda d: d['competition']['rules']['stars'][0].update(stars=6),
    '/competition/rules/stars/0/stars', 'out of range')
mut('quota_over_100.json', lambda d: d['competition']['rules']['top_title'].update(quota_pct=150),
    '/competition/rules/top_title/quota_pct', 'out of range')
mut('event_bad_status.json', lambda d: d['events'][1].update(status='lost'), '/events/1/status', 'status must be')
mut('id_is_number.json', lambda d: d['teams'][0].update(id=17), '/teams/0/id', 'must be a string')
mut('item_not_object.json', lambda d: d['communities'].insert(1, 'C-extra'), '/communities/1', 'must be an object')
# 70 levels inside /dataset/source: the cap (64 levels) trips inside the 62nd array below it.
mut('deep_nesting_in_source.json', lambda d: d['dataset'].update(source=nested(70)),
    '/dataset/source' + '/0' * 62, 'nesting too deep')
write('deep_nesting_100k.json', raw='{"format":"gridstar/1","x":' + '[' * 100000 + ']' * 100000 + '}',
      path='/x' + '/0' * 63, contains='nesting too deep')
write('long_string_5k.json', raw='{"format":"gridstar/1","dataset":{"name":"' + 'a' * 5000 + '"}}',
      path='/dataset/name', contains='string too long')
json.dump(expected, open(os.path.join(out, 'expected.json'), 'w'), ensure_ascii=False, indent=1, sort_keys=True)
print(len(expected), 'bad files')
