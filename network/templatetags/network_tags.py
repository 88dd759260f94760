"""Template tags of the network include (templates/network/_network.html)."""

from django import template

from network.graph import Network
from network.svg import CountryStyle, country_styles, network_svg

register = template.Library()


@register.simple_tag
def network_drawing(network: Network, element_id: str = "network"):
    """Return the SVG of ``network`` (escaped names, safe markup)."""
    return network_svg(network, element_id)


@register.filter
def network_countries(network: Network) -> list[CountryStyle]:
    """Return the legend's entries: each country's colour, shape and swatch."""
    return country_styles(network)
