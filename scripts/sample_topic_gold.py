"""A rough, topic-level story gold for the sample corpus, from the groups its
SOURCE.md lists ("Several stories have follow-up articles ... matched by
title"), matched here by title patterns; every other article is a story of
its own. Usage: python3 scripts/sample_topic_gold.py OUT.jsonl
(reads ../shared/data/sample/wikinews_2019_2020.jsonl). Rough by design:
COVID-19 and the 2020 US election are topics of many events."""
import json, os, re, sys
arts = [json.loads(l) for l in open(os.path.join(os.path.dirname(__file__), '..', '..', 'shared', 'data', 'sample', 'wikinews_2019_2020.jsonl'))]
pats = [
 ('pr', r'Puerto Rico.*governor|Puerto Rico Supreme Court'),
 ('brexit', r'[Pp]rorog|Brexit|suspends parliament'),
 ('hk', r'Hong Kong'), ('impeach', r'[Ii]mpeach'), ('soleimani', r'Soleimani'),
 ('dorian', r'Dorian'), ('humberto', r'Humberto'), ('navalny', r'Navalny'), ('samoa', r'Samoan government'),
 ('ytdl', r'youtube-dl|DMCA'), ('rocky', r'CentOS|Rocky Linux'), ('rugby', r'Sunshine Coast Rugby'),
 ('covid', r'COVID|coronavirus|SARS-CoV-2'),
 ('election', r'US presidential|US Democratic presidential|United States presidential|Nevada caucuses|running mate|president-elect|Biden-Trump debate|presidential nominee|presidential transition|Libertarian Party presidential'),
]
with open(sys.argv[1], 'w') as f:
    for a in arts:
        g = a['id']
        for k, p in pats:
            if re.search(p, a['title']) and not ('Wisconsin' in a['title'] and k == 'covid'):
                g = k; break
        f.write(json.dumps({'id': a['id'], 'story': g}) + '\n')
