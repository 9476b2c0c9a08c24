"""JSON for `scrutineer export-all`: Django's JSON, with times kept to the microsecond.

Django's own JSON encoder cuts datetimes and times to milliseconds (ECMA-262's format), so a
council moved with plain `dumpdata` would come back with every timestamp altered. Django's JSON
deserializer reads the full precision, so `loaddata` needs nothing special.
"""

import datetime

from django.core.serializers.json import Deserializer, DjangoJSONEncoder
from django.core.serializers.json import Serializer as DjangoJSONSerializer

__all__ = ["Deserializer", "ExactJSONEncoder", "Serializer"]

FORMAT = "scrutineer-json"


class ExactJSONEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(DjangoJSONSerializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactJSONEncoder
